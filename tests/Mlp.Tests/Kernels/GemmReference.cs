namespace Mlp.Tests.Kernels;

/// <summary>Naive double-precision products and the checks the kernel tests share.</summary>
internal static class GemmReference
{
    /// <summary><c>C = A(m, k) · B(n, k)ᵀ (+ bias)</c> in double precision.</summary>
    public static double[] MultiplyTransposed(float[] a, float[] b, float[]? bias, int m, int n, int k)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (double)a[i * k + p] * b[j * k + p];
                c[i * n + j] = bias is null ? sum : sum + bias[j];
            }
        }
        return c;
    }

    /// <summary><c>C = A · B(k, n)</c> with <c>A[i, p]</c> at <c>i · rowStride + p · colStride</c>, in double precision.</summary>
    public static double[] Multiply(float[] a, int rowStride, int colStride, float[] b, int m, int n, int k)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += (double)a[i * rowStride + p * colStride] * b[p * n + j];
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    /// <summary>Values uniform in [−1, 1) from a seeded generator.</summary>
    public static float[] Random(int count, long seed)
    {
        var values = new float[count];
        new RandomGenerator(seed).FillUniform(values, -1, 1);
        return values;
    }

    /// <summary>
    /// Asserts <c>|actual − expected| ≤ 1e-5 · k</c> for every element: a relative tolerance scaled by k for
    /// operands in [−1, 1] (float sums are off by about 1e-7 · √k; a lost or doubled product by about 0.25).
    /// </summary>
    public static void AssertClose(double[] expected, ReadOnlySpan<float> actual, int k, string what)
    {
        Assert.True(actual.Length >= expected.Length, $"{what}: {actual.Length} values, expected {expected.Length}");
        double tolerance = 1e-5 * Math.Max(1, k);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (!(error <= tolerance))
                Assert.Fail($"{what}: element {i} is {actual[i]} but the double-precision reference is {expected[i]} (error {error:E2} > {tolerance:E2}).");
        }
    }

    /// <summary>Asserts the two spans hold the same bits, element by element.</summary>
    public static void AssertBitIdentical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}: element {i} is {actual[i]:R} but the one-thread run gave {expected[i]:R}.");
        }
    }
}
