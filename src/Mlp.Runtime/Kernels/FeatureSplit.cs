namespace Mlp.Kernels;

/// <summary>
/// Where two threads divide a wide feature dimension (784 pixels, 1,024 hidden units): the same place in every product
/// and learning-rule update of a training step, so that each thread keeps the same half of the weights and biases in
/// its own core's cache. Narrow dimensions (fewer than <see cref="MinWide"/>) are divided where their tiles allow.
/// </summary>
internal static class FeatureSplit
{
    /// <summary>The narrowest dimension that is divided between the threads.</summary>
    public const int MinWide = 256;

    /// <summary>Whether <paramref name="width"/> features are divided between the threads.</summary>
    public static bool IsWide(int width) => width >= MinWide;

    /// <summary>
    /// Where the second thread's features start: about half of <paramref name="width"/>, a multiple of 16 (whole
    /// 64-byte cache lines, whole vectors of any width), rounded half up so that 784 splits at 400 (also a whole number
    /// of 5-row register tiles).
    /// </summary>
    public static int At(int width) => Math.Clamp((width + 16) / 32 * 16, 16, width - 1);
}
