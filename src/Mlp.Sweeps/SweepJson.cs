using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mlp.Sweeps;

/// <summary>
/// The JSON form of definitions, trials and results (files, and messages between cluster and client). Doubles are
/// written in their shortest round-trip form, so numbers read back bit for bit.
/// </summary>
public static class SweepJson
{
    /// <summary>The serializer options: camel case, indented, enums as names.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary><paramref name="value"/> as JSON text.</summary>
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Reads a <typeparamref name="T"/> from <paramref name="json"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The text is not a <typeparamref name="T"/>.</exception>
    public static T Read<T>(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"{source}: holds null, not a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }
}
