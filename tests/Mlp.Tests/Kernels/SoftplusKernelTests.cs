using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>Softplus against double precision (relative error, down to very negative inputs), its extremes, and threads.</summary>
[Collection(KernelWorkerCollection.Name)]
public sealed class SoftplusKernelTests
{
    public static TheoryData<int> Lengths => [1, 3, 7, 8, 9, 33, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ForwardAndBackwardMatchDoublePrecision(int length)
    {
        float[] x = TestData.Uniform(length, -90, 40, seed: length);
        float[] g = TestData.Uniform(length, -1, 1, seed: length + 1);
        float[] y = new float[length], d = new float[length];
        SoftplusKernel.Forward(x, y);
        SoftplusKernel.Backward(x, g, d);
        for (int i = 0; i < length; i++)
        {
            double v = x[i];
            double expected = Math.Max(v, 0) + Log1P(Math.Exp(-Math.Abs(v)));
            // Relative: for x = −80 the output is about 1.8e-35 and must not round to 0.
            TestData.Close(expected, y[i], 1e-6, 0, $"softplus({x[i]})");
            TestData.Close(g[i] / (1 + Math.Exp(-v)), d[i], 1e-6, 1e-37, $"softplus'({x[i]})");
        }
    }

    // log(1 + z) for z in [0, 1]: its series below 1e-4 (where 1 + z loses z's digits), to double precision.
    private static double Log1P(double z) => z < 1e-4 ? z - z * z / 2 + z * z * z / 3 : Math.Log(1 + z);

    [Fact]
    public void TheExtremesAreExactAndNaNStaysNaN()
    {
        float[] x = [float.NegativeInfinity, -1000f, 0f, 1000f, float.PositiveInfinity, float.NaN];
        float[] y = new float[x.Length], d = new float[x.Length];
        SoftplusKernel.Forward(x, y);
        SoftplusKernel.Backward(x, [1f, 1f, 1f, 1f, 1f, 1f], d);
        Assert.Equal([0f, 0f, MathF.Log(2f), 1000f, float.PositiveInfinity], y[..5]);
        Assert.Equal([0f, 0f, 0.5f, 1f, 1f], d[..5]);
        Assert.True(float.IsNaN(y[5]) && float.IsNaN(d[5]), "NaN in, NaN out");
    }

    [Theory]
    [InlineData(8192 + 13)]
    [InlineData(300_001)]
    public void ManyThreadsGiveTheBitsOfOne(int length)
    {
        float[] x = GemmReference.Random(length, 41), g = GemmReference.Random(length, 43);
        float[][] one = Run(1, x, g);
        foreach (int threads in GemmThreadingTests.Counts)
        {
            float[][] many = Run(threads, x, g);
            for (int k = 0; k < one.Length; k++)
                GemmReference.AssertBitIdentical(one[k], many[k], $"result {k} on {threads} threads");
        }
    }

    private static float[][] Run(int threads, float[] x, float[] g)
    {
        float[][] results = [new float[x.Length], new float[x.Length]];
        using (new KernelScope(KernelPath.Avx2, threads))
        {
            SoftplusKernel.Forward(x, results[0]);
            SoftplusKernel.Backward(x, g, results[1]);
        }
        return results;
    }
}
