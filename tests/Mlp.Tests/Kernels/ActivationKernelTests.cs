using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>The exp-based activations against double precision, their tails, and their extremes.</summary>
public class ActivationKernelTests
{
    public static TheoryData<int> Lengths => [1, 3, 7, 8, 9, 33, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SigmoidMatchesDoublePrecision(int length)
    {
        float[] x = Spread(length, -30f, 30f);
        float[] y = new float[length];
        SigmoidKernel.Forward(x, y);
        for (int i = 0; i < length; i++)
            AssertRelative(1.0 / (1.0 + Math.Exp(-(double)x[i])), y[i], 4e-7, $"sigmoid({x[i]})");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void TanhMatchesDoublePrecision(int length)
    {
        float[] x = Spread(length, -10f, 10f);
        float[] y = new float[length];
        TanhKernel.Forward(x, y);
        for (int i = 0; i < length; i++)
            Assert.True(Math.Abs(Math.Tanh(x[i]) - y[i]) <= 4e-7, $"tanh({x[i]}) = {y[i]}, expected {Math.Tanh(x[i])}");
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EluMatchesDoublePrecision(int length)
    {
        float[] x = Spread(length, -20f, 5f);
        float[] y = new float[length];
        EluKernel.Forward(x, y, alpha: 1.5f);
        for (int i = 0; i < length; i++)
        {
            double expected = x[i] > 0 ? x[i] : 1.5 * (Math.Exp(x[i]) - 1);
            Assert.True(Math.Abs(expected - y[i]) <= 4e-7 * Math.Max(1, Math.Abs(expected)), $"elu({x[i]}) = {y[i]}, expected {expected}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(13)]
    [InlineData(784)]
    public void SoftmaxRowsMatchDoublePrecision(int width)
    {
        float[] x = Spread(3 * width, -40f, 40f);
        float[] y = new float[x.Length];
        SoftmaxKernel.Forward(x, y, width);
        for (int r = 0; r < 3; r++)
        {
            double max = x.Skip(r * width).Take(width).Max(v => (double)v);
            double sum = x.Skip(r * width).Take(width).Sum(v => Math.Exp(v - max));
            for (int j = 0; j < width; j++)
            {
                double expected = Math.Exp(x[r * width + j] - max) / sum;
                Assert.True(Math.Abs(expected - y[r * width + j]) <= 1e-6 * Math.Max(expected, 1e-30) + 1e-37, $"softmax row {r} column {j}: {y[r * width + j]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void ExtremesSaturateAndNaNStaysNaN()
    {
        float[] x = [-1000f, -100f, float.NegativeInfinity, 0f, 100f, 1000f, float.PositiveInfinity, float.NaN, 1e-30f];
        float[] s = new float[x.Length], t = new float[x.Length];
        SigmoidKernel.Forward(x, s);
        TanhKernel.Forward(x, t);
        Assert.Equal([0f, 0f, 0f, 0.5f, 1f, 1f, 1f], s[..7]);
        Assert.Equal([-1f, -1f, -1f, 0f, 1f, 1f, 1f], t[..7]);
        Assert.True(float.IsNaN(s[7]) && float.IsNaN(t[7]), "NaN in, NaN out");
        Assert.Equal(0.5f, s[8]);
        float[] e = new float[3];
        EluKernel.Forward([-1000f, float.NegativeInfinity, float.NaN], e, alpha: 2f);
        Assert.Equal([-2f, -2f], e[..2]);
        Assert.True(float.IsNaN(e[2]));
    }

    [Fact]
    public void AnElementGetsTheSameBitsInATailAsInAWholeVector()
    {
        // The last length mod Vector<float>.Count elements go through a padded vector, not scalar code.
        float[] x = Spread(64, -9f, 9f);
        float[] whole = new float[64];
        SigmoidKernel.Forward(x, whole);
        for (int length = 1; length < 12; length++)
        {
            float[] part = new float[length];
            SigmoidKernel.Forward(x.AsSpan(0, length), part);
            GemmReference.AssertBitIdentical(whole.AsSpan(0, length), part, $"sigmoid of the first {length}");
        }
    }

    private static float[] Spread(int length, float low, float high)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = length == 1 ? (low + high) / 3 : low + (high - low) * i / (length - 1);
        return values;
    }

    private static void AssertRelative(double expected, float actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Abs(expected), $"{what} = {actual}, expected {expected}");
}
