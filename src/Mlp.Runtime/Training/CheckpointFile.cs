using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using Mlp.Data;
using Mlp.LearningRules;

namespace Mlp.Training;

/// <summary>
/// The file form of a <see cref="TrainingCheckpoint"/>: a zip archive holding <c>checkpoint.json</c> (the epoch,
/// architecture, generator states and learning-rule scalars; 64-bit generator words as decimal strings) and raw
/// little-endian arrays: <c>parameters.f32</c>, <c>learning-rule-{i}.f32</c> and <c>data-order-{depth}.i32</c>
/// (depth 0 is the training provider, 1 its source, …).
/// </summary>
public static class CheckpointFile
{
    private const string Format = "mlp-checkpoint";
    private const int Version = 1;

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
    /// <exception cref="InvalidDataException">The content is not a checkpoint of this version, or is damaged; the message names <paramref name="name"/>.</exception>
    public static TrainingCheckpoint Load(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            return Read(archive);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or KeyNotFoundException or FormatException
            or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"{name}: not a valid training checkpoint: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a checkpoint from <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this version, or is damaged; the message names the file.</exception>
    public static TrainingCheckpoint Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            using var archive = ZipFile.OpenRead(path);
            return Read(archive);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or KeyNotFoundException or FormatException
            or InvalidOperationException or ArgumentException or OverflowException)
        {
            throw new InvalidDataException($"{path}: not a valid training checkpoint: {ex.Message}", ex);
        }
    }

    private static void Write(TrainingCheckpoint checkpoint, Stream stream)
    {
        using var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        using (Stream json = archive.CreateEntry("checkpoint.json", CompressionLevel.Fastest).Open())
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("version", Version);
            writer.WriteString("architecture", checkpoint.Architecture);
            writer.WriteNumber("epochsCompleted", checkpoint.EpochsCompleted);
            writer.WriteNumber("parameterCount", checkpoint.Parameters.Length);
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
        WriteArray(archive, "parameters.f32", MemoryMarshal.AsBytes(checkpoint.Parameters));
        for (int i = 0; i < checkpoint.LearningRule.Buffers.Count; i++)
            WriteArray(archive, $"learning-rule-{i}.f32", MemoryMarshal.AsBytes(checkpoint.LearningRule.Buffers[i].Span));
        int depth = 0;
        for (DataProviderState? level = checkpoint.TrainData; level is not null; level = level.Source)
            WriteArray(archive, $"data-order-{depth++}.i32", MemoryMarshal.AsBytes(level.Order.AsSpan()));
    }

    private static TrainingCheckpoint Read(ZipArchive archive)
    {
        using JsonDocument document = JsonDocument.Parse(ReadEntry(archive, "checkpoint.json"));
        JsonElement root = document.RootElement;
        if (root.GetProperty("format").GetString() != Format || root.GetProperty("version").GetInt32() != Version)
            throw new InvalidDataException($"expected format '{Format}' version {Version}.");
        int parameterCount = root.GetProperty("parameterCount").GetInt32();
        float[] parameters = ReadArray<float>(archive, "parameters.f32", parameterCount);

        JsonElement rule = root.GetProperty("learningRule");
        var buffers = new float[rule.GetProperty("buffers").GetInt32()][];
        for (int i = 0; i < buffers.Length; i++)
            buffers[i] = ReadArray<float>(archive, $"learning-rule-{i}.f32", parameterCount);
        var ruleState = new LearningRuleState(rule.GetProperty("rule").GetString()!, rule.GetProperty("stepCount").GetInt64(),
            rule.GetProperty("learningRate").GetDouble(), buffers);

        JsonElement[] levels = [.. root.GetProperty("trainData").EnumerateArray()];
        if (levels.Length == 0)
            throw new InvalidDataException("the training data state is missing.");
        DataProviderState? data = null;
        for (int depth = levels.Length - 1; depth >= 0; depth--)
        {
            JsonElement level = levels[depth];
            int[] order = ReadArray<int>(archive, $"data-order-{depth}.i32", level.GetProperty("orderLength").GetInt32());
            data = new DataProviderState(ImmutableArray.Create(order), level.GetProperty("currentBatch").GetInt32(), ReadRandom(level.GetProperty("random")), data);
        }

        return new TrainingCheckpoint(root.GetProperty("architecture").GetString()!, root.GetProperty("epochsCompleted").GetInt32(),
            parameters, ReadRandom(root.GetProperty("modelRandom")), ruleState, data!);
    }

    private static void WriteRandom(Utf8JsonWriter writer, string name, RandomGeneratorState state)
    {
        writer.WriteStartArray(name);
        foreach (ulong word in new[] { state.S0, state.S1, state.S2, state.S3 })
            writer.WriteStringValue(word.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndArray();
    }

    private static RandomGeneratorState ReadRandom(JsonElement element)
    {
        ulong[] words = [.. element.EnumerateArray().Select(w => ulong.Parse(w.GetString()!, NumberStyles.None, CultureInfo.InvariantCulture))];
        if (words.Length != 4)
            throw new InvalidDataException($"a generator state has {words.Length} words instead of 4.");
        return new RandomGeneratorState(words[0], words[1], words[2], words[3]);
    }

    private static void WriteArray(ZipArchive archive, string name, ReadOnlySpan<byte> bytes)
    {
        using Stream entry = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        if (BitConverter.IsLittleEndian)
        {
            entry.Write(bytes);
            return;
        }
        byte[] swapped = bytes.ToArray();
        for (int i = 0; i < swapped.Length; i += 4)
            BinaryPrimitives.WriteInt32LittleEndian(swapped.AsSpan(i), BinaryPrimitives.ReadInt32BigEndian(swapped.AsSpan(i)));
        entry.Write(swapped);
    }

    private static T[] ReadArray<T>(ZipArchive archive, string name, int count)
        where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        byte[] bytes = ReadEntry(archive, name);
        if (bytes.Length != count * 4L)
            throw new InvalidDataException($"'{name}' holds {bytes.Length} bytes but {count} values of 4 bytes were expected.");
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < bytes.Length; i += 4)
                BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(i), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i)));
        }
        return MemoryMarshal.Cast<byte, T>(bytes).ToArray();
    }

    private static byte[] ReadEntry(ZipArchive archive, string name)
    {
        ZipArchiveEntry entry = archive.GetEntry(name) ?? throw new InvalidDataException($"the entry '{name}' is missing.");
        if (entry.Length > int.MaxValue)
            throw new InvalidDataException($"the entry '{name}' is too large.");
        using Stream stream = entry.Open();
        var bytes = new byte[entry.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
