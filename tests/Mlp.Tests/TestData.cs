using System.Numerics;

namespace Mlp.Tests;

/// <summary>Seeded test inputs, drawn with the runtime's own generator.</summary>
internal static class TestData
{
    /// <summary><paramref name="count"/> uniform floats in [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static float[] Uniform(int count, double low, double high, long seed)
    {
        var values = new float[count];
        new RandomGenerator(seed).FillUniform(values, low, high);
        return values;
    }

    /// <summary>A row-major (rows, width) one-of-K matrix with the hot class drawn at random.</summary>
    public static float[] OneHot(int rows, int width, long seed)
    {
        var random = new RandomGenerator(seed);
        var values = new float[rows * width];
        for (int r = 0; r < rows; r++)
            values[r * width + random.NextInt32(width)] = 1f;
        return values;
    }

    /// <summary>Widens floats to doubles for double-precision references.</summary>
    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = values[i];
        return result;
    }

    /// <summary>
    /// Central differences of <paramref name="loss"/> with respect to each of <paramref name="values"/>: each is moved
    /// by ±<paramref name="h"/> in turn (and put back), and the loss read after each move.
    /// </summary>
    public static double[] CentralDifferences<T>(Span<T> values, T h, Func<double> loss) where T : IFloatingPoint<T>
    {
        var numeric = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            T original = values[i];
            values[i] = original + h;
            double plus = loss();
            values[i] = original - h;
            double minus = loss();
            values[i] = original;
            numeric[i] = (plus - minus) / double.CreateChecked(h + h);
        }
        return numeric;
    }

    /// <summary>Asserts that <paramref name="actual"/> is within <paramref name="relative"/>·|expected| + <paramref name="absolute"/> of <paramref name="expected"/>.</summary>
    public static void Close(double expected, double actual, double relative, double absolute = 0, string? what = null)
    {
        double tolerance = relative * Math.Abs(expected) + absolute;
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            $"{what ?? "value"}: expected {expected:R} but got {actual:R} (difference {Math.Abs(actual - expected):E3} > tolerance {tolerance:E3})");
    }
}
