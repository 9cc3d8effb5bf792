using System.Text.Json;
using System.Text.Unicode;

namespace Mlp.Serialization;

/// <summary>
/// A parsed and validated safetensors header: every tensor is F32 with a shape that matches its byte range,
/// and the ranges tile the data buffer from 0 without gaps or overlaps.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private const string MetadataKey = "__metadata__";

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
            var tensors = new List<TensorEntry>();
            IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                    throw new SafeTensorsFormatException(fileName, property.Name == MetadataKey ? null : property.Name,
                        $"the header names '{property.Name}' twice.");
                if (property.Name == MetadataKey)
                    metadata = ParseMetadata(property.Value, fileName);
                else
                    tensors.Add(ParseTensor(property.Name, property.Value, fileName));
            }
            return new SafeTensorsHeader(tensors, metadata, CheckTiling(tensors, fileName));
        }
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
                    shape = ReadIntegers(field, name, fileName);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadIntegers(field, name, fileName);
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
        if (dtype != "F32")
            throw new SafeTensorsFormatException(fileName, name, $"its dtype is '{dtype}'; only F32 (float32) tensors can be loaded.");
        if (offsets.Length != 2)
            throw new SafeTensorsFormatException(fileName, name, $"'data_offsets' has {offsets.Length} numbers, not 2 (begin and end).");

        var entry = new TensorEntry(name, shape, offsets[0], offsets[1]);
        if (entry.End < entry.Begin)
            throw new SafeTensorsFormatException(fileName, name, $"its data_offsets [{entry.Begin}, {entry.End}] end before they begin.");
        ulong bytes = ByteCount(entry, fileName);
        if (entry.End - entry.Begin != bytes)
            throw new SafeTensorsFormatException(fileName, name,
                $"its shape {entry.ShapeText} needs {bytes} bytes of F32 data but its data_offsets [{entry.Begin}, {entry.End}] span {entry.End - entry.Begin}.");
        return entry;
    }

    /// <summary>The F32 bytes <paramref name="entry"/>'s shape needs, rejecting shapes whose size overflows.</summary>
    private static ulong ByteCount(TensorEntry entry, string fileName)
    {
        ulong bytes = SafeTensorsWriter.ElementSize;
        foreach (ulong d in entry.Shape)
        {
            if (d != 0 && bytes > ulong.MaxValue / d)
                throw new SafeTensorsFormatException(fileName, entry.Name, $"its shape {entry.ShapeText} has more elements than any file can hold.");
            bytes *= d;
        }
        return bytes;
    }

    private static ulong[] ReadIntegers(JsonProperty field, string name, string fileName)
    {
        if (field.Value.ValueKind != JsonValueKind.Array)
            throw new SafeTensorsFormatException(fileName, name, $"'{field.Name}' is a JSON {Describe(field.Value.ValueKind)}, not an array.");
        var values = new ulong[field.Value.GetArrayLength()];
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
