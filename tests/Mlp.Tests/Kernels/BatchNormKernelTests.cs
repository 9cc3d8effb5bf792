using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>Batch normalisation against double precision and finite differences, and its argument checks.</summary>
public class BatchNormKernelTests
{
    // Shapes with whole vectors, scalar tails and both; two rows is the smallest training batch.
    public static TheoryData<int, int> Shapes => new() { { 2, 1 }, { 3, 13 }, { 7, 33 }, { 50, 100 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TrainingNormalisesWithTheBatchStatisticsAndMovesTheRunningOnes(int rows, int features)
    {
        var c = new BatchNormCase(rows, features, seed: 7);
        double[] runningMean = TestData.ToDouble(c.RunningMean), runningVariance = TestData.ToDouble(c.RunningVariance);
        c.Forward(training: true, momentum: 0.25f);
        for (int j = 0; j < features; j++)
        {
            double mean = Column(c.Inputs, features, j).Average();
            double squares = Column(c.Inputs, features, j).Sum(x => (x - mean) * (x - mean));
            double inverseStd = 1 / Math.Sqrt(squares / rows + BatchNormKernel.Epsilon);
            TestData.Close(mean, c.Mean[j], 1e-6, 1e-6, $"mean {j}");
            TestData.Close(inverseStd, c.InverseStd[j], 1e-5, 0, $"inverse std {j}");
            for (int r = 0; r < rows; r++)
            {
                double expected = c.Gamma[j] * (c.Inputs[r * features + j] - mean) * inverseStd + c.Beta[j];
                TestData.Close(expected, c.Outputs[r * features + j], 1e-5, 1e-5, $"output ({r}, {j})");
            }
            // PyTorch's convention: the running variance moves towards the unbiased batch variance.
            TestData.Close(0.75 * runningMean[j] + 0.25 * mean, c.RunningMean[j], 1e-6, 1e-6, $"running mean {j}");
            TestData.Close(0.75 * runningVariance[j] + 0.25 * squares / (rows - 1), c.RunningVariance[j], 1e-5, 0, $"running variance {j}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EvaluationNormalisesWithTheRunningStatisticsAndLeavesThemAlone(int rows, int features)
    {
        var c = new BatchNormCase(rows, features, seed: 8);
        float[] runningMean = (float[])c.RunningMean.Clone(), runningVariance = (float[])c.RunningVariance.Clone();
        c.Forward(training: false);
        Assert.Equal(runningMean, c.RunningMean);
        Assert.Equal(runningVariance, c.RunningVariance);
        for (int j = 0; j < features; j++)
        {
            double inverseStd = 1 / Math.Sqrt(runningVariance[j] + (double)BatchNormKernel.Epsilon);
            for (int r = 0; r < rows; r++)
            {
                double expected = c.Gamma[j] * (c.Inputs[r * features + j] - (double)runningMean[j]) * inverseStd + c.Beta[j];
                TestData.Close(expected, c.Outputs[r * features + j], 1e-5, 1e-5, $"output ({r}, {j})");
            }
        }
    }

    [Fact]
    public void AMomentumOfOneReplacesTheRunningStatisticsWithTheBatchOnes()
    {
        var c = new BatchNormCase(4, 9, seed: 9);
        c.Forward(training: true, momentum: 1f);
        for (int j = 0; j < 9; j++)
        {
            double mean = Column(c.Inputs, 9, j).Average();
            TestData.Close(mean, c.RunningMean[j], 1e-6, 1e-6, $"running mean {j}");
            TestData.Close(Column(c.Inputs, 9, j).Sum(x => (x - mean) * (x - mean)) / 3, c.RunningVariance[j], 1e-5, 0, $"running variance {j}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientsMatchCentralDifferences(bool training)
    {
        // 11 features: a whole vector and a scalar tail on every machine with 8-float or 4-float vectors.
        const int rows = 5, features = 11;
        var c = new BatchNormCase(rows, features, seed: 10);
        c.Forward(training);
        c.Backward(training);
        for (int j = 0; j < features; j++)
        {
            AssertDifference(c, training, c.Gamma, j, c.GradsWrtGamma[j], $"gamma {j}");
            AssertDifference(c, training, c.Beta, j, c.GradsWrtBeta[j], $"beta {j}");
        }
        for (int i = 0; i < rows * features; i++)
            AssertDifference(c, training, c.Inputs, i, c.GradsWrtInputs[i], $"input {i}");
    }

    [Fact]
    public void TrainingOnOneExampleIsRefusedBecauseItsVarianceIsUndefined()
    {
        var c = new BatchNormCase(1, 4, seed: 11);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => c.Forward(training: true));
        Assert.Equal("batchSize", ex.ParamName);
        Assert.Contains("variance of one example is undefined", ex.Message);
        c.Forward(training: false);
        Assert.All(c.Outputs, y => Assert.True(float.IsFinite(y)));
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void AMomentumOutsideZeroToOneIsRefused(float momentum)
    {
        var c = new BatchNormCase(3, 4, seed: 12);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => c.Forward(training: true, momentum));
        Assert.Equal("momentum", ex.ParamName);
    }

    [Fact]
    public void OperandsOfTheWrongLengthAreNamed()
    {
        float[] x = new float[12], f = new float[4], shortF = new float[3], y = new float[12];
        Assert.Equal("gamma", Assert.Throws<ArgumentException>(() =>
            BatchNormKernel.ForwardTraining(x, shortF, f, f, f, f, f, y, 3, 4, 0.1f)).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() =>
            BatchNormKernel.ForwardEvaluation(x, f, f, f, f, f, f, new float[11], 3, 4)).ParamName);
        Assert.Equal("gradsWrtBeta", Assert.Throws<ArgumentException>(() =>
            BatchNormKernel.BackwardParameters(y, x, f, f, f, shortF, 3, 4)).ParamName);
        Assert.Equal("gradsWrtInputs", Assert.Throws<ArgumentException>(() =>
            BatchNormKernel.BackwardInputsEvaluation(y, f, f, new float[13], 3, 4)).ParamName);
    }

    private static void AssertDifference(BatchNormCase c, bool training, float[] values, int index, float analytic, string what)
    {
        const float h = 1e-2f;
        float saved = values[index];
        values[index] = saved + h;
        c.Forward(training);
        double plus = c.Error();
        values[index] = saved - h;
        c.Forward(training);
        double minus = c.Error();
        values[index] = saved;
        double numeric = (plus - minus) / (2 * h);
        TestData.Close(numeric, analytic, 2e-3, 2e-3, what);
    }

    private static IEnumerable<double> Column(float[] matrix, int width, int j)
    {
        for (int at = j; at < matrix.Length; at += width)
            yield return matrix[at];
    }
}
