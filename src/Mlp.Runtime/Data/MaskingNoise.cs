namespace Mlp.Data;

/// <summary>
/// Masking noise: each value is set to zero, independently, with probability <see cref="Probability"/> (the
/// course's denoising-autoencoder corruption, <c>inputs * (uniform ≥ p)</c>); the others are left unchanged.
/// </summary>
public sealed class MaskingNoise : IInputNoise
{
    /// <summary>Creates the noise zeroing each value with probability <paramref name="probability"/>.</summary>
    /// <param name="probability">The chance that a value is zeroed; from 0 to 1.</param>
    public MaskingNoise(double probability)
    {
        Probability = NoiseGuard.Probability(probability, nameof(probability));
    }

    /// <summary>The chance that each value is zeroed.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public void Apply(Span<float> inputs, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double p = Probability;
        for (int i = 0; i < inputs.Length; i++)
        {
            if (random.NextDouble() < p)
                inputs[i] = 0f;
        }
    }
}
