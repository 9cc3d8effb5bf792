using Mlp.Data;

namespace Mlp.Tests.Data;

public class InputNoiseTests
{
    private const int N = 200_000;

    [Theory]
    [InlineData(0.25)]
    [InlineData(0.7)]
    public void MaskingZeroesAFractionPAndLeavesTheRest(double p)
    {
        var values = Filled(0.75f);

        new MaskingNoise(p).Apply(values, new RandomGenerator(11));

        int zeros = values.Count(v => v == 0f);
        Assert.Equal(N - zeros, values.Count(v => v == 0.75f));
        AssertFraction(zeros, N, p);
    }

    [Fact]
    public void MaskingWithProbabilityZeroOrOneKeepsOrClearsEverything()
    {
        var kept = Filled(0.5f);
        var cleared = Filled(0.5f);

        new MaskingNoise(0).Apply(kept, new RandomGenerator(1));
        new MaskingNoise(1).Apply(cleared, new RandomGenerator(1));

        Assert.All(kept, v => Assert.Equal(0.5f, v));
        Assert.All(cleared, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void SaltAndPepperSetsAFractionPToZeroOrOneWithEqualOdds()
    {
        const double p = 0.3;
        var values = Filled(0.5f);

        new SaltAndPepperNoise(p).Apply(values, new RandomGenerator(12));

        int zeros = values.Count(v => v == 0f), ones = values.Count(v => v == 1f);
        Assert.Equal(N - zeros - ones, values.Count(v => v == 0.5f));
        AssertFraction(zeros + ones, N, p);
        AssertFraction(ones, zeros + ones, 0.5);
    }

    [Theory]
    [InlineData(0.0, 0.2)]
    [InlineData(0.4, 1.5)]
    public void GaussianNoiseHasTheGivenMeanAndStandardDeviation(double start, double sd)
    {
        var values = Filled((float)start);

        new GaussianNoise(sd).Apply(values, new RandomGenerator(13));

        double mean = values.Average(v => (double)v);
        double std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (N - 1));
        // Five standard errors: of the mean sd/√N, of the standard deviation about sd/√(2N).
        Assert.InRange(mean, start - 5 * sd / Math.Sqrt(N), start + 5 * sd / Math.Sqrt(N));
        Assert.InRange(std, sd * (1 - 5 / Math.Sqrt(2.0 * N)), sd * (1 + 5 / Math.Sqrt(2.0 * N)));
        // About 68.3% within one sd of the start value.
        AssertFraction(values.Count(v => Math.Abs(v - start) < sd), N, 0.682689492);
    }

    [Fact]
    public void EveryValueOfAnOddLengthSpanIsSubjectToTheNoise()
    {
        // Two values per 64-bit draw: the last value of an odd-length span takes a draw of its own.
        float[] masked = Filled(0.5f, 10_001), salted = Filled(0.5f, 10_001), untouched = Filled(0.5f, 10_001), shifted = Filled(0.5f, 10_001);

        new MaskingNoise(1).Apply(masked, new RandomGenerator(1));
        new SaltAndPepperNoise(1).Apply(salted, new RandomGenerator(1));
        new SaltAndPepperNoise(0).Apply(untouched, new RandomGenerator(1));
        new GaussianNoise(0.1).Apply(shifted, new RandomGenerator(1));

        Assert.All(masked, v => Assert.Equal(0f, v));
        Assert.All(salted, v => Assert.True(v is 0f or 1f, $"{v}"));
        AssertFraction(salted.Count(v => v == 1f), salted.Length, 0.5);
        Assert.All(untouched, v => Assert.Equal(0.5f, v));
        Assert.All(shifted, v => Assert.NotEqual(0.5f, v));
    }

    [Fact]
    public void NoiseIsReproducibleFromTheGeneratorsSeed()
    {
        foreach (IInputNoise noise in new IInputNoise[] { new GaussianNoise(0.1), new MaskingNoise(0.5), new SaltAndPepperNoise(0.5) })
        {
            float[] a = Filled(0.5f, 1000), b = Filled(0.5f, 1000), c = Filled(0.5f, 1000);
            noise.Apply(a, new RandomGenerator(3));
            noise.Apply(b, new RandomGenerator(3));
            noise.Apply(c, new RandomGenerator(4));
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void ProbabilityOutsideZeroToOneIsRejected(double p)
    {
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskingNoise(p)).ParamName);
        Assert.Equal("probability", Assert.Throws<ArgumentOutOfRangeException>(() => new SaltAndPepperNoise(p)).ParamName);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void StandardDeviationMustBeFiniteAndNonNegative(double sd)
    {
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianNoise(sd)).ParamName);
    }

    private static float[] Filled(float value, int n = N) => Enumerable.Repeat(value, n).ToArray();

    /// <summary>Asserts a binomial count is within five standard deviations of n·p.</summary>
    private static void AssertFraction(int count, int n, double p)
    {
        double tolerance = 5 * Math.Sqrt(p * (1 - p) / n);
        Assert.InRange((double)count / n, p - tolerance, p + tolerance);
    }
}
