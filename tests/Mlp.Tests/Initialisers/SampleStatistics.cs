namespace Mlp.Tests.Initialisers;

/// <summary>Sample mean and variance in double, with tolerances derived from the sample size.</summary>
internal static class SampleStatistics
{
    public static (double Mean, double Variance) Of(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float v in values)
            sum += v;
        double mean = sum / values.Length, squares = 0;
        foreach (float v in values)
            squares += (v - mean) * (v - mean);
        return (mean, squares / (values.Length - 1));
    }

    /// <summary>Asserts the sample mean lies within 5 standard errors of <paramref name="mean"/>.</summary>
    public static void AssertMean(ReadOnlySpan<float> values, double mean, double std)
    {
        double standardError = std / Math.Sqrt(values.Length);
        TestData.Close(mean, Of(values).Mean, 0, 5 * standardError, $"mean of {values.Length}");
    }

    /// <summary>
    /// Asserts the sample variance lies within 5 of its standard errors, <c>sqrt((μ₄ − σ⁴) / n)</c>, of
    /// <paramref name="variance"/>; <paramref name="kurtosis"/> is <c>μ₄ / σ⁴</c> (3 normal, 1.8 uniform).
    /// </summary>
    public static void AssertVariance(ReadOnlySpan<float> values, double variance, double kurtosis)
    {
        double standardError = variance * Math.Sqrt((kurtosis - 1) / values.Length);
        TestData.Close(variance, Of(values).Variance, 0, 5 * standardError, $"variance of {values.Length}");
    }
}
