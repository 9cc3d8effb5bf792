using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using Mlp.Data;
using Mlp.IO;
using Mlp.LearningRules;

namespace Mlp.Training;

/// <summary>
/// The file form of a <see cref="TrainingCheckpoint"/>: a zip archive holding <c>checkpoint.json</c> (the epoch,
/// architecture, generator states and learning-rule scalars; 64-bit generator words as decimal strings), raw
/// little-endian arrays <c>parameters.f32</c>, <c>state.f32</c> (the model's state that is not trained, BatchNorm's
/// running statistics; empty for other models), <c>learning-rule-{i}.f32</c> and <c>data-order-{depth}.i32</c>
/// (depth 0 is the training provider, 1 its source, …), and <c>manifest.json</c>, the size and SHA-256 of every other
/// entry.
/// </summary>
/// <remarks>
/// Loading checks the manifest on top of the zip's own CRC-32: a flipped bit or an edited payload is an
/// <see cref="InvalidDataException"/>, never a silently different run. Entry names must be unique, and nothing is
/// allocated for a size the file has not been shown to hold (or, when restoring into an optimiser, that its model,
/// learning rule and data do not need). Version 2 files, from before models kept state, still load, with no state.
/// </remarks>
public static class CheckpointFile
{
    private const string Format = "mlp-checkpoint";
    private const int Version = 3;

    // Version 2 had no state.f32 and no stateCount; its files load as checkpoints of models without state.
    private const int StatelessVersion = 2;
    private const string ManifestName = "manifest.json";
    private const string StateName = "checkpoint.json";

    // checkpoint.json and manifest.json are a few hundred bytes per data level; these bound what a forged one costs.
    private const int MaxJsonBytes = 1 << 20;
    private const int MaxEntries = 1024;

    // Entries are read in chunks, so a forged size costs at most this much beyond the bytes that really arrive.
    private const int Chunk = 1 << 16;

    /// <summary>Saves <paramref name="checkpoint"/> to <paramref name="path"/>, replacing any file there atomically.</summary>
    public static void Save(TrainingCheckpoint checkpoint, string path)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        AtomicFile.Write(path, stream => Write(checkpoint, stream));
    }

    /// <summary>Writes <paramref name="checkpoint"/> to <paramref name="stream"/> in the file form (for checkpoints kept elsewhere than in files, e.g. a sweep's grain state).</summary>
    public static void Save(TrainingCheckpoint checkpoint, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(stream);
        Write(checkpoint, stream);
    }

    /// <summary>Reads a checkpoint in the file form from <paramref name="stream"/>; <paramref name="name"/> says where it came from in error messages.</summary>
    /// <exception cref="InvalidDataException">The content is not a checkpoint of this version, or is damaged (its manifest, CRC or structure); the message names <paramref name="name"/>.</exception>
    public static TrainingCheckpoint Load(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Read(stream, name, expected: null);
    }

    /// <summary>Reads a checkpoint from <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The file is not a checkpoint of this version, is damaged (its manifest, CRC or structure), or the path is not a
    /// regular file (a folder, a named pipe, a symbolic-link loop); the message names the file.
    /// </exception>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    public static TrainingCheckpoint Load(string path) => Load(path, expected: null);

    internal static TrainingCheckpoint Load(string path, CheckpointExpectation? expected)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = RegularFile.OpenRead(path, (failure, problem, inner) => failure == OpenFailure.Missing
            ? new FileNotFoundException($"{path}: the checkpoint file does not exist.", path, inner)
            : new InvalidDataException($"{path}: not a training checkpoint: the path {problem}.", inner));
        return Read(stream, path, expected);
    }

    /// <summary>Reads a checkpoint from <paramref name="stream"/>; every failure is an <see cref="InvalidDataException"/> naming <paramref name="fileName"/>.</summary>
    internal static TrainingCheckpoint Read(Stream stream, string fileName, CheckpointExpectation? expected)
    {
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return new Reader(archive, expected).Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException or KeyNotFoundException or FormatException
            or InvalidOperationException or ArgumentException or OverflowException or NotSupportedException)
        {
            throw new InvalidDataException($"{fileName}: not a valid training checkpoint: {ex.Message}", ex);
        }
    }

    private static void Write(TrainingCheckpoint checkpoint, Stream stream)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        var manifest = new List<(string Name, long Bytes, string Sha256)>();
        WriteEntry(archive, manifest, StateName, StateJson(checkpoint));
        WriteEntry(archive, manifest, "parameters.f32", LittleEndian(MemoryMarshal.AsBytes(checkpoint.Parameters)));
        WriteEntry(archive, manifest, "state.f32", LittleEndian(MemoryMarshal.AsBytes(checkpoint.State)));
        for (int i = 0; i < checkpoint.LearningRule.Buffers.Count; i++)
            WriteEntry(archive, manifest, $"learning-rule-{i}.f32", LittleEndian(MemoryMarshal.AsBytes(checkpoint.LearningRule.Buffers[i].Span)));
        int depth = 0;
        for (DataProviderState? level = checkpoint.TrainData; level is not null; level = level.Source)
            WriteEntry(archive, manifest, $"data-order-{depth++}.i32", LittleEndian(MemoryMarshal.AsBytes(level.Order.AsSpan())));

        using Stream entry = archive.CreateEntry(ManifestName, CompressionLevel.Fastest).Open();
        using var writer = new Utf8JsonWriter(entry, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("format", Format);
        writer.WriteNumber("version", Version);
        writer.WriteStartArray("entries");
        foreach ((string name, long bytes, string sha256) in manifest)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteNumber("bytes", bytes);
            writer.WriteString("sha256", sha256);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static byte[] StateJson(TrainingCheckpoint checkpoint)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteString("architecture", checkpoint.Architecture);
            writer.WriteNumber("epochsCompleted", checkpoint.EpochsCompleted);
            writer.WriteNumber("parameterCount", checkpoint.Parameters.Length);
            writer.WriteNumber("stateCount", checkpoint.State.Length);
            WriteRandom(writer, "modelRandom", checkpoint.ModelRandom);
            LearningRuleState rule = checkpoint.LearningRule;
            writer.WriteStartObject("learningRule");
            writer.WriteString("rule", rule.Rule);
            writer.WriteNumber("stepCount", rule.StepCount);
            writer.WriteNumber("learningRate", rule.LearningRate);
            writer.WriteNumber("buffers", rule.Buffers.Count);
            writer.WriteEndObject();
            writer.WriteStartArray("trainData");
            for (DataProviderState? level = checkpoint.TrainData; level is not null; level = level.Source)
            {
                writer.WriteStartObject();
                writer.WriteNumber("currentBatch", level.CurrentBatch);
                writer.WriteNumber("orderLength", level.Order.Length);
                WriteRandom(writer, "random", level.Random);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteEntry(ZipArchive archive, List<(string, long, string)> manifest, string name, ReadOnlySpan<byte> bytes)
    {
        using (Stream entry = archive.CreateEntry(name, CompressionLevel.Fastest).Open())
            entry.Write(bytes);
        manifest.Add((name, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
    }

    private static ReadOnlySpan<byte> LittleEndian(ReadOnlySpan<byte> bytes)
    {
        if (BitConverter.IsLittleEndian)
            return bytes;
        byte[] swapped = bytes.ToArray();
        for (int i = 0; i < swapped.Length; i += 4)
            BinaryPrimitives.WriteInt32LittleEndian(swapped.AsSpan(i), BinaryPrimitives.ReadInt32BigEndian(swapped.AsSpan(i)));
        return swapped;
    }

    private static void WriteRandom(Utf8JsonWriter writer, string name, RandomGeneratorState state)
    {
        writer.WriteStartArray(name);
        foreach (ulong word in new[] { state.S0, state.S1, state.S2, state.S3 })
            writer.WriteStringValue(word.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndArray();
    }

    /// <summary>One load: the archive's entries by name, the manifest, and which entries have been used.</summary>
    private sealed class Reader
    {
        private readonly ZipArchive _archive;
        private readonly CheckpointExpectation? _expected;
        private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (long Bytes, byte[] Sha256)> _manifest = new(StringComparer.Ordinal);
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);
        private int _version;

        public Reader(ZipArchive archive, CheckpointExpectation? expected)
        {
            _archive = archive;
            _expected = expected;
        }

        public TrainingCheckpoint Read()
        {
            IndexEntries();
            ReadManifest();
            using JsonDocument document = JsonDocument.Parse(ReadVerified(StateName, MaxJsonBytes));
            JsonElement root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format || root.GetProperty("version").GetInt32() != _version)
                throw new InvalidDataException($"expected format '{Format}' version {_version}, as its manifest says.");
            int parameterCount = root.GetProperty("parameterCount").GetInt32();
            if (parameterCount < 0)
                throw new InvalidDataException($"the parameter count {parameterCount} is negative.");
            if (_expected is not null && parameterCount != _expected.ParameterCount)
                throw new InvalidDataException($"it holds {parameterCount} parameters but the model has {_expected.ParameterCount}.");
            float[] parameters = ReadArray<float>("parameters.f32", parameterCount);
            float[] state = _version == StatelessVersion ? [] : ReadState(root);

            JsonElement rule = root.GetProperty("learningRule");
            int bufferCount = rule.GetProperty("buffers").GetInt32();
            // Each buffer is an entry of its own, so the count is bounded by the entries the manifest lists.
            if (bufferCount < 0 || bufferCount > _manifest.Count)
                throw new InvalidDataException($"the learning rule's buffer count {bufferCount} does not match the archive's entries.");
            if (_expected is not null && bufferCount != _expected.BufferCount)
                throw new InvalidDataException($"its learning rule keeps {bufferCount} state buffers but this optimiser's keeps {_expected.BufferCount}.");
            var buffers = new float[bufferCount][];
            for (int i = 0; i < buffers.Length; i++)
                buffers[i] = ReadArray<float>($"learning-rule-{i}.f32", parameterCount);
            var ruleState = new LearningRuleState(rule.GetProperty("rule").GetString()!, rule.GetProperty("stepCount").GetInt64(),
                rule.GetProperty("learningRate").GetDouble(), buffers);

            JsonElement trainData = root.GetProperty("trainData");
            int depthCount = trainData.GetArrayLength();
            if (depthCount == 0 || depthCount > _manifest.Count)
                throw new InvalidDataException($"the training data state has {depthCount} levels, which does not match the archive's entries.");
            if (_expected is not null && depthCount != _expected.OrderLengths.Length)
                throw new InvalidDataException($"its training data state has {depthCount} levels but this optimiser's data has {_expected.OrderLengths.Length}.");
            JsonElement[] levels = [.. trainData.EnumerateArray()];
            DataProviderState? data = null;
            for (int depth = levels.Length - 1; depth >= 0; depth--)
            {
                JsonElement level = levels[depth];
                int orderLength = level.GetProperty("orderLength").GetInt32();
                if (_expected is not null && orderLength != _expected.OrderLengths[depth])
                    throw new InvalidDataException($"its training data order {depth} has {orderLength} examples but this optimiser's has {_expected.OrderLengths[depth]}.");
                int[] order = ReadArray<int>($"data-order-{depth}.i32", orderLength);
                int currentBatch = level.GetProperty("currentBatch").GetInt32();
                if (currentBatch < 0)
                    throw new InvalidDataException($"training data level {depth} is at batch {currentBatch}.");
                data = new DataProviderState(ImmutableArray.Create(order), currentBatch, ReadRandom(level.GetProperty("random")), data);
            }

            int epochs = root.GetProperty("epochsCompleted").GetInt32();
            if (epochs < 0)
                throw new InvalidDataException($"the epochs completed, {epochs}, are negative.");
            foreach (string listed in _manifest.Keys)
            {
                if (!_used.Contains(listed))
                    throw new InvalidDataException($"the entry '{listed}' is not part of a checkpoint of this shape.");
            }
            return new TrainingCheckpoint(root.GetProperty("architecture").GetString()!, epochs,
                parameters, ReadRandom(root.GetProperty("modelRandom")), ruleState, data!, state);
        }

        private float[] ReadState(JsonElement root)
        {
            int stateCount = root.GetProperty("stateCount").GetInt32();
            if (stateCount < 0)
                throw new InvalidDataException($"the state count {stateCount} is negative.");
            if (_expected is not null && stateCount != _expected.StateCount)
                throw new InvalidDataException($"it holds {stateCount} state values but the model keeps {_expected.StateCount}.");
            return ReadArray<float>("state.f32", stateCount);
        }

        private void IndexEntries()
        {
            if (_archive.Entries.Count > MaxEntries)
                throw new InvalidDataException($"it has {_archive.Entries.Count} entries; a checkpoint has far fewer.");
            foreach (ZipArchiveEntry entry in _archive.Entries)
            {
                // With two entries of one name, which one a reader takes is arbitrary: refuse rather than guess.
                if (!_entries.TryAdd(entry.FullName, entry))
                    throw new InvalidDataException($"the entry '{entry.FullName}' appears twice.");
            }
        }

        private void ReadManifest()
        {
            if (!_entries.TryGetValue(ManifestName, out ZipArchiveEntry? entry))
                throw new InvalidDataException($"the entry '{ManifestName}' is missing (checkpoints before version {StatelessVersion} had none and cannot be checked; save a new one).");
            using JsonDocument document = JsonDocument.Parse(ReadEntry(entry, ManifestName, MaxJsonBytes, exact: false));
            JsonElement root = document.RootElement;
            _version = root.GetProperty("format").GetString() == Format ? root.GetProperty("version").GetInt32() : -1;
            if (_version is not (Version or StatelessVersion))
                throw new InvalidDataException($"the manifest is not that of format '{Format}' version {Version} (or {StatelessVersion}).");
            foreach (JsonElement item in root.GetProperty("entries").EnumerateArray())
            {
                string name = item.GetProperty("name").GetString()!;
                long bytes = item.GetProperty("bytes").GetInt64();
                byte[] sha256 = Convert.FromHexString(item.GetProperty("sha256").GetString()!);
                if (bytes < 0 || sha256.Length != SHA256.HashSizeInBytes || name == ManifestName)
                    throw new InvalidDataException($"the manifest's entry for '{name}' is malformed.");
                if (!_manifest.TryAdd(name, (bytes, sha256)))
                    throw new InvalidDataException($"the manifest lists '{name}' twice.");
                if (!_entries.ContainsKey(name))
                    throw new InvalidDataException($"the entry '{name}' is missing.");
            }
            foreach (string name in _entries.Keys)
            {
                if (name != ManifestName && !_manifest.ContainsKey(name))
                    throw new InvalidDataException($"the entry '{name}' is not in the manifest.");
            }
        }

        private T[] ReadArray<T>(string name, int count)
            where T : unmanaged
        {
            byte[] bytes = ReadVerified(name, count * 4L);
            if (bytes.Length != count * 4L)
                throw new InvalidDataException($"'{name}' holds {bytes.Length} bytes but {count} values of 4 bytes were expected.");
            if (!BitConverter.IsLittleEndian)
            {
                for (int i = 0; i < bytes.Length; i += 4)
                    BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i)));
            }
            return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
        }

        /// <summary>The entry's bytes, at most <paramref name="limit"/>, after checking them against the manifest's size and SHA-256.</summary>
        private byte[] ReadVerified(string name, long limit)
        {
            if (!_manifest.TryGetValue(name, out var listed) || !_entries.TryGetValue(name, out ZipArchiveEntry? entry))
                throw new InvalidDataException($"the entry '{name}' is missing.");
            _used.Add(name);
            if (listed.Bytes > limit)
                throw new InvalidDataException($"the manifest gives '{name}' {listed.Bytes} bytes, more than the {limit} expected.");
            if (entry.Length != listed.Bytes)
                throw new InvalidDataException($"'{name}' holds {entry.Length} bytes but the manifest lists {listed.Bytes}.");
            byte[] bytes = ReadEntry(entry, name, listed.Bytes, exact: true);
            if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(listed.Sha256))
                throw new InvalidDataException($"'{name}' does not match its SHA-256 in the manifest: the file is damaged or was edited.");
            return bytes;
        }

        /// <summary>
        /// Reads an entry of <paramref name="length"/> bytes (at most that, unless <paramref name="exact"/>), growing the
        /// buffer only as data arrives, and reads on to the end so the zip's CRC-32 is checked and extra bytes are caught.
        /// </summary>
        private static byte[] ReadEntry(ZipArchiveEntry entry, string name, long length, bool exact)
        {
            if (!exact)
            {
                if (entry.Length > length)
                    throw new InvalidDataException($"the entry '{name}' holds {entry.Length} bytes, more than the {length} allowed.");
                length = entry.Length;
            }
            if (length > Array.MaxLength)
                throw new InvalidDataException($"the entry '{name}' is too large.");
            using Stream stream = entry.Open();
            byte[] buffer = new byte[Math.Min(length, Chunk)];
            long filled = 0;
            while (filled < length)
            {
                if (filled == buffer.Length)
                    Array.Resize(ref buffer, (int)Math.Min(length, (long)buffer.Length * 2));
                int n = stream.Read(buffer, (int)filled, buffer.Length - (int)filled);
                if (n == 0)
                    throw new InvalidDataException($"the entry '{name}' ends after {filled} of its {length} bytes.");
                filled += n;
            }
            if (stream.ReadByte() != -1)
                throw new InvalidDataException($"the entry '{name}' holds more than its {length} bytes.");
            return buffer;
        }

        private static RandomGeneratorState ReadRandom(JsonElement element)
        {
            if (element.GetArrayLength() != 4)
                throw new InvalidDataException($"a generator state has {element.GetArrayLength()} words instead of 4.");
            ulong[] words = [.. element.EnumerateArray().Select(w => ulong.Parse(w.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture))];
            var state = new RandomGeneratorState(words[0], words[1], words[2], words[3]);
            RandomGenerator.CheckState(state, "random");
            return state;
        }
    }
}
