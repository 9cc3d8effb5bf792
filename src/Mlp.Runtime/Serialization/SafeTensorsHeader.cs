using System.Text.Json;
using System.Text.Unicode;

namespace Mlp.Serialization;

/// <summary>
/// A parsed and validated safetensors header: every tensor is F32 (but for PyTorch's I64 BatchNorm batch counters) with
/// a shape that matches its byte range, and the ranges tile the data buffer from 0 without gaps or overlaps.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private const string MetadataKey = "__metadata__";

    /// <summary>
    /// The most tensors a header may list. Our models have two per Affine layer; the limit keeps a forged header
    /// from costing more than a few megabytes to parse (a header of a million empty tensors is rejected while read).
    /// </summary>
    public const int MaxTensors = 1024;

    /// <summary>The name ending of PyTorch's BatchNorm batch counter, an I64 scalar: <c>{i}.num_batches_tracked</c>.</summary>
    public const string BatchCounterSuffix = ".num_batches_tracked";

    /// <summary>The most dimensions a tensor may have. Our parameters have one or two; the limit bounds the shape array.</summary>
    public const int MaxRank = 8;

    private SafeTensorsHeader(IReadOnlyList<TensorEntry> tensors, IReadOnlyDictionary<string, string> metadata, ulong dataLength)
    {
        Tensors = tensors;
        Metadata = metadata;
        DataLength = dataLength;
    }

    /// <summary>The tensors in header order.</summary>
    public IReadOnlyList<TensorEntry> Tensors { get; }

    /// <summary>The <c>__metadata__</c> entries; empty when the header has none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The bytes of data the tensors cover, which must be exactly the data after the header.</summary>
    public ulong DataLength { get; }

    /// <summary>Parses and validates <paramref name="header"/> (the bytes after the length prefix).</summary>
    /// <exception cref="SafeTensorsFormatException">Anything malformed.</exception>
    public static SafeTensorsHeader Parse(byte[] header, string fileName)
    {
        // The reference rejects headers that do not open with '{', so leading whitespace or a BOM are errors here too.
        if (header.Length == 0 || header[0] != (byte)'{')
            throw new SafeTensorsFormatException(fileName, null, "the header does not start with '{'.");
        if (!Utf8.IsValid(header))
            throw new SafeTensorsFormatException(fileName, null, "the header is not valid UTF-8.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException(fileName, null, $"the header is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            try
            {
                return Validate(document.RootElement, fileName);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json parses "\ud800" but cannot turn it into a string: a lone surrogate is not Unicode text.
                throw new SafeTensorsFormatException(fileName, null,
                    $"the header holds a string that is not valid Unicode (a lone surrogate escape such as \\ud800): {e.Message}", e);
            }
        }
    }

    private static SafeTensorsHeader Validate(JsonElement root, string fileName)
    {
        var tensors = new List<TensorEntry>();
        IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
                throw new SafeTensorsFormatException(fileName, property.Name == MetadataKey ? null : property.Name,
                    $"the header names '{property.Name}' twice.");
            if (property.Name == MetadataKey)
                metadata = ParseMetadata(property.Value, fileName);
            else if (tensors.Count == MaxTensors)
                throw new SafeTensorsFormatException(fileName, null, $"the header lists more than {MaxTensors} tensors, the most this library reads.");
            else
                tensors.Add(ParseTensor(property.Name, property.Value, fileName));
        }
        return new SafeTensorsHeader(tensors, metadata, CheckTiling(tensors, fileName));
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement value, string fileName)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(fileName, null, $"'{MetadataKey}' is a JSON {Describe(value.ValueKind)}, not an object of strings.");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new SafeTensorsFormatException(fileName, null, $"'{MetadataKey}' entry '{entry.Name}' is a JSON {Describe(entry.Value.ValueKind)}, not a string.");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw new SafeTensorsFormatException(fileName, null, $"'{MetadataKey}' names '{entry.Name}' twice.");
        }
        return metadata;
    }

    private static TensorEntry ParseTensor(string name, JsonElement value, string fileName)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new SafeTensorsFormatException(fileName, name, $"its entry is a JSON {Describe(value.ValueKind)}, not an object.");
        string? dtype = null;
        ulong[]? shape = null, offsets = null;
        foreach (JsonProperty field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtype is null:
                    dtype = field.Value.ValueKind == JsonValueKind.String
                        ? field.Value.GetString()!
                        : throw new SafeTensorsFormatException(fileName, name, $"'dtype' is a JSON {Describe(field.Value.ValueKind)}, not a string.");
                    break;
                case "shape" when shape is null:
                    shape = ReadIntegers(field, name, fileName, MaxRank, n => $"'shape' has {n} dimensions; at most {MaxRank} are allowed.");
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(field, name, fileName, 2, n => $"'data_offsets' has {n} numbers, not 2 (begin and end).");
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw new SafeTensorsFormatException(fileName, name, $"'{field.Name}' is given twice.");
                default:
                    throw new SafeTensorsFormatException(fileName, name, $"unknown key '{field.Name}' (expected dtype, shape and data_offsets).");
            }
        }
        if (dtype is null) throw new SafeTensorsFormatException(fileName, name, "it has no 'dtype'.");
        if (shape is null) throw new SafeTensorsFormatException(fileName, name, "it has no 'shape'.");
        if (offsets is null) throw new SafeTensorsFormatException(fileName, name, "it has no 'data_offsets'.");
        // PyTorch's BatchNorm1d keeps a batch counter beside its running statistics; loading skips it (ModelBinding).
        bool batchCounter = dtype == "I64" && name.EndsWith(BatchCounterSuffix, StringComparison.Ordinal) && shape.Length == 0;
        if (dtype != "F32" && !batchCounter)
            throw new SafeTensorsFormatException(fileName, name, $"its dtype is '{dtype}'; only F32 (float32) tensors can be loaded.");
        if (offsets.Length != 2)
            throw new SafeTensorsFormatException(fileName, name, $"'data_offsets' has {offsets.Length} numbers, not 2 (begin and end).");

        var entry = new TensorEntry(name, shape, offsets[0], offsets[1], batchCounter);
        if (entry.End < entry.Begin)
            throw new SafeTensorsFormatException(fileName, name, $"its data_offsets [{entry.Begin}, {entry.End}] end before they begin.");
        ulong bytes = ByteCount(entry, fileName);
        if (entry.End - entry.Begin != bytes)
            throw new SafeTensorsFormatException(fileName, name,
                $"its shape {entry.ShapeText} needs {bytes} bytes of {dtype} data but its data_offsets [{entry.Begin}, {entry.End}] span {entry.End - entry.Begin}.");
        return entry;
    }

    /// <summary>The bytes <paramref name="entry"/>'s shape needs, rejecting shapes whose size overflows.</summary>
    private static ulong ByteCount(TensorEntry entry, string fileName)
    {
        ulong bytes = entry.IsBatchCounter ? sizeof(long) : (ulong)SafeTensorsWriter.ElementSize;
        foreach (ulong d in entry.Shape)
        {
            if (d != 0 && bytes > ulong.MaxValue / d)
                throw new SafeTensorsFormatException(fileName, entry.Name, $"its shape {entry.ShapeText} has more elements than any file can hold.");
            bytes *= d;
        }
        return bytes;
    }

    private static ulong[] ReadIntegers(JsonProperty field, string name, string fileName, int maxLength, Func<int, string> tooMany)
    {
        if (field.Value.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException(fileName, name, $"'{field.Name}' is a JSON {Describe(field.Value.ValueKind)}, not an array.");
        // Checked before allocating: a forged shape of millions of entries costs nothing more than its count.
        int length = field.Value.GetArrayLength();
        if (length > maxLength)
            throw new SafeTensorsFormatException(fileName, name, tooMany(length));
        var values = new ulong[length];
        int i = 0;
        foreach (JsonElement item in field.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetUInt64(out values[i]))
                throw new SafeTensorsFormatException(fileName, name, $"'{field.Name}' holds {item.GetRawText()}, not a non-negative integer.");
            i++;
        }
        return values;
    }

    /// <summary>Checks that the tensors' byte ranges tile [0, end) exactly, and returns end.</summary>
    private static ulong CheckTiling(List<TensorEntry> tensors, string fileName)
    {
        TensorEntry[] byOffset = tensors.ToArray();
        Array.Sort(byOffset, (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        ulong expected = 0;
        TensorEntry? previous = null;
        foreach (TensorEntry t in byOffset)
        {
            if (t.Begin < expected)
                throw new SafeTensorsFormatException(fileName, t.Name,
                    $"its data [{t.Begin}, {t.End}) overlaps that of tensor '{previous!.Name}' [{previous.Begin}, {previous.End}).");
            if (t.Begin > expected)
                throw new SafeTensorsFormatException(fileName, t.Name,
                    $"its data starts at byte {t.Begin}, leaving bytes {expected} to {t.Begin} of the data buffer unused.");
            expected = t.End;
            previous = t;
        }
        return expected;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
