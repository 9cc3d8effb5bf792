namespace Mlp;

/// <summary>Range checks for hyper-parameters, throwing <see cref="ArgumentOutOfRangeException"/> named after the parameter.</summary>
internal static class HyperParameter
{
    /// <summary>Returns <paramref name="value"/> if it is finite and greater than zero.</summary>
    public static double Positive(double value, string name) =>
        double.IsFinite(value) && value > 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and greater than 0.");

    /// <summary>Returns <paramref name="value"/> if it is finite and at least zero.</summary>
    public static double NonNegative(double value, string name) =>
        double.IsFinite(value) && value >= 0 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and at least 0.");

    /// <summary>Returns <paramref name="value"/> if it lies in [0, 1).</summary>
    public static double DecayRate(double value, string name) =>
        value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in [0, 1).");

    /// <summary>Returns <paramref name="value"/> if it is finite.</summary>
    public static double Finite(double value, string name) =>
        double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite.");
}
