using System.Globalization;

namespace Mlp.Benchmarks;

/// <summary>Option values shared by the verbs, checked with messages that name the option.</summary>
internal static class CommandLine
{
    /// <summary>A whole number of at least 1.</summary>
    public static int Positive(string value, string option) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 1
            ? n : throw new ArgumentOutOfRangeException(option, value, $"{option} must be a whole number of at least 1.");

    /// <summary>A whole number of at least 0.</summary>
    public static int NonNegative(string value, string option) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= 0
            ? n : throw new ArgumentOutOfRangeException(option, value, $"{option} must be a whole number of at least 0.");

    /// <summary>
    /// A kernel thread count: 1 to <see cref="Kernels.KernelThreads.Max"/>, or <c>all</c> for
    /// <see cref="Kernels.KernelThreads.DefaultCount"/> (the physical cores); a larger number is capped at the maximum.
    /// </summary>
    public static int Threads(string value) =>
        value == "all" ? Kernels.KernelThreads.DefaultCount : Math.Min(Positive(value, "--threads"), Kernels.KernelThreads.Max);

    /// <summary>The median of <paramref name="values"/> (the mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
