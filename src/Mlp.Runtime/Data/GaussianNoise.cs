namespace Mlp.Data;

/// <summary>Additive Gaussian noise: each value <c>x</c> becomes <c>x + σ·z</c> with <c>z ~ N(0, 1)</c> drawn independently.</summary>
public sealed class GaussianNoise : IInputNoise
{
    /// <summary>Creates the noise with standard deviation σ = <paramref name="standardDeviation"/>.</summary>
    /// <param name="standardDeviation">σ; finite and non-negative.</param>
    public GaussianNoise(double standardDeviation)
    {
        if (!(standardDeviation >= 0) || double.IsInfinity(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be finite and non-negative.");
        StandardDeviation = standardDeviation;
    }

    /// <summary>The standard deviation σ of the added noise.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public void Apply(Span<float> inputs, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double sd = StandardDeviation;
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = (float)(inputs[i] + sd * random.NextGaussian());
    }
}
