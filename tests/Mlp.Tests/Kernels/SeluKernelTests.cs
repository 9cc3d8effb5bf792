using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>SELU against double precision, its extremes, and the same bits on any number of threads.</summary>
[Collection(KernelWorkerCollection.Name)]
public sealed class SeluKernelTests
{
    private const double Alpha = 1.6732632423543772, Lambda = 1.0507009873554805;

    public static TheoryData<int> Lengths => [1, 3, 7, 8, 9, 33, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ForwardAndBackwardMatchDoublePrecision(int length)
    {
        float[] x = TestData.Uniform(length, -20, 5, seed: length);
        float[] g = TestData.Uniform(length, -1, 1, seed: length + 1);
        float[] y = new float[length], d = new float[length];
        SeluKernel.Forward(x, y);
        SeluKernel.Backward(x, y, g, d);
        for (int i = 0; i < length; i++)
        {
            double expected = Lambda * (x[i] > 0 ? x[i] : Alpha * (Math.Exp(x[i]) - 1));
            double slope = x[i] > 0 ? Lambda : Lambda * Alpha * Math.Exp(x[i]);
            TestData.Close(expected, y[i], 4e-7, 4e-7, $"selu({x[i]})");
            // Below 0 the slope is the output plus λα: float cancellation leaves an absolute error of a few ulp of λα.
            TestData.Close(g[i] * slope, d[i], 4e-7, 4e-7, $"selu'({x[i]})");
        }
    }

    [Fact]
    public void TheConstantsAreSelusAndTheExtremesSaturate()
    {
        Assert.Equal((float)Alpha, SeluKernel.Alpha);
        Assert.Equal((float)Lambda, SeluKernel.Lambda);
        float[] x = [-1000f, float.NegativeInfinity, 0f, 1000f, float.NaN];
        float[] y = new float[x.Length];
        SeluKernel.Forward(x, y);
        Assert.Equal([-SeluKernel.Lambda * SeluKernel.Alpha, -SeluKernel.Lambda * SeluKernel.Alpha, 0f, SeluKernel.Lambda * 1000f], y[..4]);
        Assert.True(float.IsNaN(y[4]), "NaN in, NaN out");
    }

    [Theory]
    [InlineData(8192 + 13)]
    [InlineData(300_001)]
    public void ManyThreadsGiveTheBitsOfOne(int length)
    {
        float[] x = GemmReference.Random(length, 41), y = GemmReference.Random(length, 42), g = GemmReference.Random(length, 43);
        float[][] one = Run(1, x, y, g);
        foreach (int threads in GemmThreadingTests.Counts)
        {
            float[][] many = Run(threads, x, y, g);
            for (int k = 0; k < one.Length; k++)
                GemmReference.AssertBitIdentical(one[k], many[k], $"result {k} on {threads} threads");
        }
    }

    private static float[][] Run(int threads, float[] x, float[] y, float[] g)
    {
        float[][] results = [new float[x.Length], new float[x.Length]];
        using (new KernelScope(KernelPath.Avx2, threads))
        {
            SeluKernel.Forward(x, results[0]);
            SeluKernel.Backward(x, y, g, results[1]);
        }
        return results;
    }
}
