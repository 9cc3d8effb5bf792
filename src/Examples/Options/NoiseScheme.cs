namespace Mlp.Examples.Options;

/// <summary>How exercise 3 corrupts its inputs; the noise level's meaning depends on the scheme.</summary>
public enum NoiseScheme
{
    /// <summary>Each pixel is set to zero with probability <c>level</c> (the notebook's default, 0.25).</summary>
    Masking,

    /// <summary>Zero-mean Gaussian noise of standard deviation <c>level</c> is added to each pixel.</summary>
    Gaussian,

    /// <summary>Each pixel is set, with probability <c>level</c>, to 0 or 1 with equal chance.</summary>
    SaltAndPepper,
}

/// <summary>The command-line names of <see cref="NoiseScheme"/> values and the valid range of each scheme's level.</summary>
public static class NoiseSchemeNames
{
    /// <summary>The names accepted by <c>--noise</c>, in the order help lists them.</summary>
    public static IReadOnlyList<string> All { get; } = ["masking", "gaussian", "salt-and-pepper"];

    /// <summary>The command-line name of <paramref name="scheme"/>.</summary>
    public static string Name(NoiseScheme scheme) => scheme switch
    {
        NoiseScheme.Masking => "masking",
        NoiseScheme.Gaussian => "gaussian",
        NoiseScheme.SaltAndPepper => "salt-and-pepper",
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown noise scheme."),
    };

    /// <summary>Parses a command-line name (case-insensitive); false when it names no scheme.</summary>
    public static bool TryParse(string text, out NoiseScheme scheme)
    {
        foreach (NoiseScheme candidate in Enum.GetValues<NoiseScheme>())
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                scheme = candidate;
                return true;
            }
        scheme = default;
        return false;
    }

    /// <summary>
    /// Why <paramref name="level"/> is not a valid level for <paramref name="scheme"/>, or null when it is:
    /// a probability strictly between 0 and 1 for masking and salt-and-pepper, a finite positive standard deviation for Gaussian noise.
    /// </summary>
    public static string? CheckLevel(NoiseScheme scheme, double level) => scheme switch
    {
        NoiseScheme.Gaussian when !(level > 0 && double.IsFinite(level)) =>
            $"--noise-level for gaussian noise is a standard deviation and must be finite and greater than 0, got {level}",
        NoiseScheme.Masking or NoiseScheme.SaltAndPepper when !(level > 0 && level < 1) =>
            $"--noise-level for {Name(scheme)} noise is a probability and must be greater than 0 and less than 1, got {level}",
        _ => null,
    };
}
