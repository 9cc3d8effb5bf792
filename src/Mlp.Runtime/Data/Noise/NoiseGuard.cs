namespace Mlp.Data;

/// <summary>Argument checks and thresholds shared by the input-noise schemes.</summary>
internal static class NoiseGuard
{
    public static double Probability(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "The probability must be from 0 to 1.");

    /// <summary>
    /// The threshold <c>t</c> such that a uniform 32-bit draw <c>u</c> has <c>u &lt; t</c> with probability
    /// <c>floor(p·2³²)/2³²</c>: 0 for p = 0, 2³² (every draw) for p = 1. <c>p·2³²</c> is exact in double.
    /// </summary>
    public static ulong Threshold32(double probability) => (ulong)(probability * 4294967296.0);

    /// <summary>All ones when <paramref name="u"/> &lt; <paramref name="threshold"/>, else zero, without a branch.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static uint Below(uint u, long threshold) => (uint)((u - threshold) >> 63);
}
