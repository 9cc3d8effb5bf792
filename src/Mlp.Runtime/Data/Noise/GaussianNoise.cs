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
        int i = 0;
        // Box–Muller gives two independent normals per pair of uniforms; use both (half the logarithms and draws).
        for (; i + 1 < inputs.Length; i += 2)
        {
            double radius = sd * Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())); // 1 − u ∈ (0, 1]: finite log
            (double sin, double cos) = Math.SinCos(2.0 * Math.PI * random.NextDouble());
            inputs[i] = (float)(inputs[i] + radius * cos);
            inputs[i + 1] = (float)(inputs[i + 1] + radius * sin);
        }
        if (i < inputs.Length)
            inputs[i] = (float)(inputs[i] + sd * random.NextGaussian());
    }
}
