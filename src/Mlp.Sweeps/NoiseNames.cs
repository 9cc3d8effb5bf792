using System.Globalization;
using Mlp.Data;

namespace Mlp.Sweeps;

/// <summary>The input corruptions a sweep can train with, by name, and the valid range of each one's level.</summary>
public static class NoiseNames
{
    /// <summary>No corruption.</summary>
    public const string None = "none";

    /// <summary>Each pixel set to zero with probability <c>level</c>.</summary>
    public const string Masking = "masking";

    /// <summary>Zero-mean Gaussian noise of standard deviation <c>level</c>.</summary>
    public const string Gaussian = "gaussian";

    /// <summary>Each pixel set, with probability <c>level</c>, to 0 or 1.</summary>
    public const string SaltAndPepper = "salt-and-pepper";

    /// <summary>Every name, in the order help lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [None, Masking, Gaussian, SaltAndPepper];

    /// <summary>Why <paramref name="level"/> does not suit <paramref name="scheme"/>, or null when it does.</summary>
    public static string? CheckLevel(string scheme, double level) => scheme switch
    {
        None when level != 0 => $"there is no noise (noise none), so the level must be 0, got {Format(level)}",
        Gaussian when !(level > 0 && double.IsFinite(level)) => $"gaussian noise's level is a standard deviation and must be finite and greater than 0, got {Format(level)}",
        Masking or SaltAndPepper when !(level > 0 && level < 1) => $"{scheme} noise's level is a probability and must be greater than 0 and less than 1, got {Format(level)}",
        _ => null,
    };

    /// <summary>The corruption named <paramref name="scheme"/> at <paramref name="level"/>, or null for <see cref="None"/>.</summary>
    public static IInputNoise? Create(string scheme, double level) => scheme switch
    {
        None => null,
        Masking => new MaskingNoise(level),
        Gaussian => new GaussianNoise(level),
        SaltAndPepper => new SaltAndPepperNoise(level),
        _ => throw new SweepDefinitionException("noise", $"unknown noise scheme '{scheme}'; expected one of {string.Join(", ", All)}"),
    };

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
