using Mlp.Errors;

namespace Mlp.Tests.Errors;

/// <summary>Small cases whose values and gradients were worked out by hand.</summary>
public class ErrorHandComputedTests
{
    [Fact]
    public void SumOfSquaredDiffs()
    {
        // Rows (1, 2) − (0, 2) and (3, 4) − (5, 1): squared distances 1 and 13, halved 0.5 and 6.5, mean 3.5.
        float[] y = [1, 2, 3, 4], t = [0, 2, 5, 1];
        var error = new SumOfSquaredDiffsError();
        Assert.Equal(3.5, error.Value(y, t, 2));
        Assert.Equal(7.0, error.Sum(y, t, 2));
        var perExample = new double[2];
        error.PerExample(y, t, perExample, 2);
        Assert.Equal([0.5, 6.5], perExample);
        var g = new float[4];
        error.Gradient(y, t, g, 2);
        Assert.Equal([0.5f, 0f, -1f, 1.5f], g);
    }

    [Fact]
    public void BinaryCrossEntropy()
    {
        // −[log 0.5 + log(1 − 0.25)] = log 2 + log(4/3) = log(8/3); gradient (0 − 1/0.5, 1/0.75 − 0).
        float[] y = [0.5f, 0.25f], t = [1, 0];
        var error = new BinaryCrossEntropyError();
        TestData.Close(Math.Log(8.0 / 3.0), error.Value(y, t, 1), 1e-15);
        var g = new float[2];
        error.Gradient(y, t, g, 1);
        Assert.Equal(-2f, g[0]);
        Assert.Equal(4f / 3f, g[1], 6);
    }

    [Fact]
    public void BinaryCrossEntropyTreatsZeroTimesLogZeroAsZero()
    {
        // Outputs of exactly 0 and 1 where the targets agree: no error, no NaN.
        float[] y = [0f, 1f], t = [0, 1];
        var error = new BinaryCrossEntropyError();
        Assert.Equal(0.0, error.Value(y, t, 1));
        var g = new float[2];
        error.Gradient(y, t, g, 1);
        Assert.Equal([1f, -1f], g);
    }

    [Fact]
    public void BinaryCrossEntropySigmoid()
    {
        // σ(0) = 0.5 and σ(−log 3) = 0.25: the same probabilities as above, so log(8/3); gradient (0.5 − 1, 0.25 − 0).
        float[] y = [0f, -MathF.Log(3f)], t = [1, 0];
        var error = new BinaryCrossEntropySigmoidError();
        TestData.Close(Math.Log(8.0 / 3.0), error.Value(y, t, 1), 1e-7);
        var g = new float[2];
        error.Gradient(y, t, g, 1);
        Assert.Equal(-0.5f, g[0]);
        Assert.Equal(0.25f, g[1], 6);
    }

    [Fact]
    public void BinaryCrossEntropySigmoidIsStableForLargeLogits()
    {
        // Wrongly confident by a logit of 100 in each direction: −log σ(−100) = 100 + log(1 + e⁻¹⁰⁰) ≈ 100 each.
        float[] y = [-100f, 100f], t = [1, 0];
        var error = new BinaryCrossEntropySigmoidError();
        TestData.Close(200.0, error.Value(y, t, 1), 1e-15);
        var g = new float[2];
        error.Gradient(y, t, g, 1);
        Assert.Equal([-1f, 1f], g);
        // Rightly confident: essentially no error.
        Assert.True(error.Value(y, [0, 1], 1) < 1e-40);
    }

    [Fact]
    public void CrossEntropy()
    {
        // −log 0.5 over one example; gradient −t/y only where the target is hot.
        float[] y = [0.2f, 0.3f, 0.5f], t = [0, 0, 1];
        var error = new CrossEntropyError();
        TestData.Close(Math.Log(2), error.Value(y, t, 1), 1e-15);
        var g = new float[3];
        error.Gradient(y, t, g, 1);
        Assert.Equal([0f, 0f, -2f], g);
    }

    [Fact]
    public void CrossEntropyIgnoresUnderflowedProbabilitiesOfColdClasses()
    {
        float[] y = [0f, 1f], t = [0, 1];
        var error = new CrossEntropyError();
        Assert.Equal(0.0, error.Value(y, t, 1));
        var g = new float[2];
        error.Gradient(y, t, g, 1);
        Assert.Equal([0f, -1f], g);
    }

    [Fact]
    public void CrossEntropySoftmax()
    {
        // Logits (0, log 2, log 5) give softmax (1/8, 2/8, 5/8); the hot class is the second: −log(1/4) = log 4.
        // Two identical rows: the mean is the same and each gradient row is (softmax − t) / 2.
        float l2 = MathF.Log(2f), l5 = MathF.Log(5f);
        float[] y = [0f, l2, l5, 0f, l2, l5], t = [0, 1, 0, 0, 1, 0];
        var error = new CrossEntropySoftmaxError();
        TestData.Close(Math.Log(4), error.Value(y, t, 2), 1e-7);
        var g = new float[6];
        error.Gradient(y, t, g, 2);
        float[] expected = [0.0625f, -0.375f, 0.3125f, 0.0625f, -0.375f, 0.3125f];
        for (int i = 0; i < 6; i++)
            Assert.Equal(expected[i], g[i], 6);
    }

    [Fact]
    public void CrossEntropySoftmaxIsStableForLargeLogits()
    {
        // logsumexp(−1000, 0, 1000) = 1000 (to double precision), so −log softmax of the first is 2000.
        float[] y = [-1000f, 0f, 1000f], t = [1, 0, 0];
        var error = new CrossEntropySoftmaxError();
        TestData.Close(2000.0, error.Value(y, t, 1), 1e-15);
        var g = new float[3];
        error.Gradient(y, t, g, 1);
        Assert.Equal([-1f, 0f, 1f], g);
    }
}
