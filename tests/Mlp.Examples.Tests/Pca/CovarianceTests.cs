using Mlp.Examples.Pca;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Pca;

public class CovarianceTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 3)]
    [InlineData(130, 16)]   // one full block and a partial one; exactly one tile column
    [InlineData(300, 37)]   // several blocks; a width that is no multiple of the tile
    [InlineData(257, 50)]
    public void MatchesANaiveDoubleComputation(int count, int dimension)
    {
        float[] data = SyntheticData.Uniform(count, dimension, seed: count * 31 + dimension);
        var mean = new double[dimension];
        var covariance = new double[dimension * dimension];

        Covariance.Compute(data, count, dimension, mean, covariance);

        double[] expectedMean = NaiveStatistics.Mean(data, count, dimension);
        double[] expected = NaiveStatistics.Covariance(data, count, dimension);
        for (int j = 0; j < dimension; j++)
            Assert.Equal(expectedMean[j], mean[j], 1e-12);
        // Float products summed over at most one block of rows, then in double: about 1e-7 of the entries' size.
        for (int k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - covariance[k]) <= 1e-6 * 0.1,
                $"entry ({k / dimension}, {k % dimension}): expected {expected[k]}, got {covariance[k]}");
    }

    [Fact]
    public void IsExactlySymmetric()
    {
        const int count = 200, dimension = 29;
        float[] data = SyntheticData.Uniform(count, dimension, seed: 7);
        var covariance = new double[dimension * dimension];
        Covariance.Compute(data, count, dimension, new double[dimension], covariance);
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++)
                Assert.Equal(covariance[i * dimension + j], covariance[j * dimension + i]);
    }

    [Fact]
    public void DoesNotDependOnTheThreadCount()
    {
        const int count = 400, dimension = 70;
        float[] data = SyntheticData.Uniform(count, dimension, seed: 11);
        var one = new double[dimension * dimension];
        var three = new double[dimension * dimension];
        Covariance.Compute(data, count, dimension, new double[dimension], one, threads: 1);
        Covariance.Compute(data, count, dimension, new double[dimension], three, threads: 3);
        Assert.Equal(one, three);
    }

    [Fact]
    public void OfConstantDataIsZeroEvenFarFromTheOrigin()
    {
        // Centring before the products avoids E[x²] − E[x]² cancellation.
        const int count = 150, dimension = 20;
        var data = Enumerable.Repeat(1000.25f, count * dimension).ToArray();
        var mean = new double[dimension];
        var covariance = new double[dimension * dimension];
        Covariance.Compute(data, count, dimension, mean, covariance);
        Assert.All(mean, m => Assert.Equal(1000.25, m));
        Assert.All(covariance, c => Assert.Equal(0.0, c));
    }

    [Fact]
    public void RejectsMismatchedSizes()
    {
        var data = new float[12];
        Assert.Throws<ArgumentException>("data", () => Covariance.Compute(data, 5, 3, new double[3], new double[9]));
        Assert.Throws<ArgumentException>("mean", () => Covariance.Compute(data, 4, 3, new double[2], new double[9]));
        Assert.Throws<ArgumentException>("covariance", () => Covariance.Compute(data, 4, 3, new double[3], new double[8]));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => Covariance.Compute(data, 0, 3, new double[3], new double[9]));
        Assert.Throws<ArgumentOutOfRangeException>("threads", () => Covariance.Compute(data, 4, 3, new double[3], new double[9], threads: 0));
    }
}
