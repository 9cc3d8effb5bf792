using Mlp.Examples.Pca;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Pca;

public class PrincipalComponentsTests
{
    private const int Count = 600, Dimension = 24;
    private static readonly double[] Scales = [3.0, 2.0, 1.5, 1.0];

    [Fact]
    public void FindsTheDirectionsAndVariancesTheDataWasBuiltFrom()
    {
        var (data, directions, mean) = SyntheticData.LowRank(Count, Dimension, Scales, noise: 0.01, seed: 5);
        var pca = PrincipalComponents.Fit(data, Count, Dimension, componentCount: Scales.Length);

        for (int c = 0; c < Scales.Length; c++)
        {
            double alignment = 0;
            for (int j = 0; j < Dimension; j++)
                alignment += pca.Components[c * Dimension + j] * directions[c * Dimension + j];
            Assert.True(Math.Abs(alignment) > 0.995, $"component {c} is {Math.Abs(alignment):F4} aligned with its direction");
            // A sample of 600: the variance along each direction is within ~15% of s².
            Assert.InRange(pca.Eigenvalues[c], 0.8 * Scales[c] * Scales[c], 1.2 * Scales[c] * Scales[c]);
        }
        // The rest is the noise's variance, 0.01².
        Assert.InRange(pca.Eigenvalues[Scales.Length], 0.5e-4, 2e-4);
        for (int j = 0; j < Dimension; j++)
            Assert.Equal(mean[j], pca.Mean[j], 0.2);
    }

    [Fact]
    public void EigenvaluesDecreaseAndComponentsAreOrthonormal()
    {
        float[] data = SyntheticData.Uniform(Count, Dimension, seed: 9);
        var pca = PrincipalComponents.Fit(data, Count, Dimension, componentCount: 10);

        Assert.Equal(Dimension, pca.Eigenvalues.Length);
        for (int i = 1; i < Dimension; i++)
            Assert.True(pca.Eigenvalues[i] <= pca.Eigenvalues[i - 1]);
        for (int a = 0; a < 10; a++)
            for (int b = 0; b < 10; b++)
            {
                double dot = 0;
                for (int j = 0; j < Dimension; j++)
                    dot += pca.Components[a * Dimension + j] * pca.Components[b * Dimension + j];
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 1e-10);
            }
    }

    [Fact]
    public void EigenvaluesAreThoseOfTheNaiveCovariance()
    {
        float[] data = SyntheticData.Uniform(Count, Dimension, seed: 13);
        var pca = PrincipalComponents.Fit(data, Count, Dimension, componentCount: 3);
        double[] covariance = NaiveStatistics.Covariance(data, Count, Dimension);

        // C v = λ v for each kept component, with the covariance computed independently.
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < Dimension; i++)
            {
                double cv = 0;
                for (int j = 0; j < Dimension; j++)
                    cv += covariance[i * Dimension + j] * pca.Components[c * Dimension + j];
                Assert.Equal(pca.Eigenvalues[c] * pca.Components[c * Dimension + i], cv, 1e-7);
            }
        // The trace is the sum of the eigenvalues.
        double trace = Enumerable.Range(0, Dimension).Sum(i => covariance[i * Dimension + i]);
        Assert.Equal(trace, pca.Eigenvalues.ToArray().Sum(), 1e-7);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(23)]
    public void TrainingErrorIsHalfTheDiscardedEigenvalues(int components)
    {
        var (data, _, _) = SyntheticData.LowRank(Count, Dimension, Scales, noise: 0.1, seed: 17);
        var pca = PrincipalComponents.Fit(data, Count, Dimension, components);

        double error = pca.ReconstructionError(data, Count);

        double discarded = pca.Eigenvalues[components..].ToArray().Sum();
        Assert.Equal(0.5 * discarded, error, 1e-7 + 1e-6 * error);
        Assert.Equal(0.5 * discarded, pca.HalfDiscardedVariance, 1e-12);
    }

    [Fact]
    public void KeepingEveryComponentReconstructsExactly()
    {
        float[] data = SyntheticData.Uniform(50, 8, seed: 19);
        var pca = PrincipalComponents.Fit(data, 50, 8, componentCount: 8);
        Assert.Equal(0.0, pca.ReconstructionError(data, 50), 1e-12);
    }

    [Fact]
    public void ErrorOnOtherDataMatchesANaiveComputation()
    {
        var (train, _, _) = SyntheticData.LowRank(Count, Dimension, Scales, noise: 0.1, seed: 23);
        float[] other = SyntheticData.Uniform(2500, Dimension, seed: 29);   // more than one parallel chunk
        var pca = PrincipalComponents.Fit(train, Count, Dimension, componentCount: 3);

        double expected = NaiveStatistics.ReconstructionError(other, 2500, Dimension, pca.Components, 3, pca.Mean);

        Assert.Equal(expected, pca.ReconstructionError(other, 2500, threads: 1), 1e-10);
        Assert.Equal(pca.ReconstructionError(other, 2500, threads: 1), pca.ReconstructionError(other, 2500, threads: 2));
    }

    [Fact]
    public void ReconstructIsVVtXMinusMuPlusMu()
    {
        var (data, _, _) = SyntheticData.LowRank(Count, Dimension, Scales, noise: 0.1, seed: 31);
        const int components = 6, shown = 5;   // six: one group of four and two single components
        var pca = PrincipalComponents.Fit(data, Count, Dimension, components);
        var output = new float[shown * Dimension];

        pca.Reconstruct(data.AsSpan(0, shown * Dimension), shown, output);

        for (int e = 0; e < shown; e++)
        {
            var codes = new double[components];
            for (int c = 0; c < components; c++)
                for (int j = 0; j < Dimension; j++)
                    codes[c] += pca.Components[c * Dimension + j] * (data[e * Dimension + j] - pca.Mean[j]);
            for (int j = 0; j < Dimension; j++)
            {
                double expected = pca.Mean[j];
                for (int c = 0; c < components; c++)
                    expected += codes[c] * pca.Components[c * Dimension + j];
                Assert.Equal(expected, output[e * Dimension + j], 1e-5);
            }
        }
    }

    [Fact]
    public void ReportsTheTimeOfEachStage()
    {
        float[] data = SyntheticData.Uniform(100, 10, seed: 37);
        var pca = PrincipalComponents.Fit(data, 100, 10, 2);
        Assert.True(pca.FitTimes.Covariance > TimeSpan.Zero);
        Assert.True(pca.FitTimes.Eigendecomposition > TimeSpan.Zero);
    }

    [Fact]
    public void RejectsInvalidArguments()
    {
        float[] data = SyntheticData.Uniform(10, 4, seed: 41);
        Assert.Throws<ArgumentOutOfRangeException>("componentCount", () => PrincipalComponents.Fit(data, 10, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>("componentCount", () => PrincipalComponents.Fit(data, 10, 4, 5));
        Assert.Throws<ArgumentException>("data", () => PrincipalComponents.Fit(data, 9, 4, 2));
        var pca = PrincipalComponents.Fit(data, 10, 4, 2);
        Assert.Throws<ArgumentException>("inputs", () => pca.ReconstructionError(data, 3));
        Assert.Throws<ArgumentException>("outputs", () => pca.Reconstruct(data, 10, new float[39]));
        Assert.Throws<ArgumentOutOfRangeException>("threads", () => pca.ReconstructionError(data, 10, threads: 0));
    }
}
