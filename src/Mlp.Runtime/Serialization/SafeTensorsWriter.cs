using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Mlp.Serialization;

/// <summary>
/// Writes float32 tensors in the safetensors layout: an 8-byte little-endian header length, the JSON header
/// padded with spaces to a multiple of 8 bytes, then the raw little-endian data.
/// </summary>
/// <remarks>
/// The header is laid out as the reference implementation lays it out, so equal tensors and metadata give
/// equal bytes: compact JSON, <c>__metadata__</c> first, tensors sorted by name (by dtype alignment first,
/// which is moot as every tensor here is F32) with data in that order, and each tensor's keys in the order
/// dtype, shape, data_offsets. The reference keeps metadata in a hash map, so its metadata key order is
/// arbitrary; we sort those keys by their UTF-8 bytes. Readers look entries up by name, so order never
/// matters to them.
/// </remarks>
internal static class SafeTensorsWriter
{
    /// <summary>Bytes per F32 element.</summary>
    public const int ElementSize = sizeof(float);

    /// <summary>Writes <paramref name="tensors"/> and <paramref name="metadata"/> to <paramref name="stream"/> at its position.</summary>
    public static void Write(Stream stream, IReadOnlyList<NamedTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        NamedTensor[] ordered = tensors.ToArray();
        Array.Sort(ordered, (a, b) => Utf8Comparer.Instance.Compare(a.Name, b.Name));
        for (int i = 1; i < ordered.Length; i++)
            if (ordered[i].Name == ordered[i - 1].Name)
                throw new ArgumentException($"Two tensors are named '{ordered[i].Name}'.", nameof(tensors));

        byte[] header = Header(ordered, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
        foreach (NamedTensor t in ordered)
            WriteLittleEndian(stream, t.Values.Span);
    }

    /// <summary>The UTF-8 header, padded with spaces to a multiple of 8 bytes.</summary>
    private static byte[] Header(NamedTensor[] ordered, IReadOnlyDictionary<string, string>? metadata)
    {
        var json = new StringBuilder("{");
        bool first = true;
        if (metadata is not null)
        {
            json.Append("\"__metadata__\":{");
            bool firstKey = true;
            foreach (string key in metadata.Keys.Order(Utf8Comparer.Instance))
            {
                if (!firstKey) json.Append(',');
                AppendString(json, key);
                json.Append(':');
                AppendString(json, metadata[key]);
                firstKey = false;
            }
            json.Append('}');
            first = false;
        }
        long offset = 0;
        foreach (NamedTensor t in ordered)
        {
            long elements = 1;
            foreach (int d in t.Shape) elements *= d;
            if (elements != t.Values.Length)
                throw new ArgumentException($"Tensor '{t.Name}' has shape [{string.Join(", ", t.Shape)}] but {t.Values.Length} values.", nameof(ordered));
            long end = offset + elements * ElementSize;
            if (!first) json.Append(',');
            AppendString(json, t.Name);
            json.Append(":{\"dtype\":\"F32\",\"shape\":[");
            json.AppendJoin(',', t.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture)));
            json.Append("],\"data_offsets\":[").Append(offset.ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(end.ToString(CultureInfo.InvariantCulture)).Append("]}");
            offset = end;
            first = false;
        }
        json.Append('}');

        int size = Encoding.UTF8.GetByteCount(json.ToString());
        // The reference pads the header with spaces so the data starts 8-byte aligned.
        json.Append(' ', (8 - size % 8) % 8);
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    /// <summary>Appends a JSON string literal escaped as serde_json escapes it: quote, backslash and control characters only.</summary>
    private static void AppendString(StringBuilder json, string value)
    {
        json.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                default:
                    if (c < 0x20) json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else json.Append(c);
                    break;
            }
        }
        json.Append('"');
    }

    private static void WriteLittleEndian(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        Span<byte> buffer = stackalloc byte[ElementSize];
        foreach (float v in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer, v);
            stream.Write(buffer);
        }
    }
}
