using System.Text.Json;

namespace Mlp.Benchmarks;

/// <summary>
/// Writes one JSON object per line from name/value pairs with <see cref="Utf8JsonWriter"/>: no reflection, so the verbs
/// work unchanged in a trimmed self-contained publish (where reflection-based serialization is off).
/// </summary>
internal static class JsonLine
{
    /// <summary>Prints the pairs as one line of JSON; values may be strings, booleans, whole numbers, doubles or double arrays.</summary>
    public static void Print(IEnumerable<KeyValuePair<string, object>> pairs)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach ((string name, object value) in pairs)
            {
                switch (value)
                {
                    case string s: writer.WriteString(name, s); break;
                    case bool b: writer.WriteBoolean(name, b); break;
                    case int i: writer.WriteNumber(name, i); break;
                    case long l: writer.WriteNumber(name, l); break;
                    case double d: writer.WriteNumber(name, d); break;
                    case double[] array:
                        writer.WriteStartArray(name);
                        foreach (double d in array)
                            writer.WriteNumberValue(d);
                        writer.WriteEndArray();
                        break;
                    default: throw new ArgumentException($"JsonLine cannot write {name} of type {value.GetType().Name}.", nameof(pairs));
                }
            }
            writer.WriteEndObject();
        }
        Console.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
