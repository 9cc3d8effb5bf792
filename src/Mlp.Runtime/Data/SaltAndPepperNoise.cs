namespace Mlp.Data;

/// <summary>
/// Salt-and-pepper noise: each value, independently with probability <see cref="Probability"/>, is set to 0 or to 1
/// with equal odds; the others are left unchanged.
/// </summary>
public sealed class SaltAndPepperNoise : IInputNoise
{
    /// <summary>Creates the noise corrupting each value with probability <paramref name="probability"/>.</summary>
    /// <param name="probability">The chance that a value is replaced by 0 or 1; from 0 to 1.</param>
    public SaltAndPepperNoise(double probability)
    {
        Probability = NoiseGuard.Probability(probability, nameof(probability));
    }

    /// <summary>The chance that each value is replaced by 0 or 1.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public void Apply(Span<float> inputs, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double p = Probability, half = 0.5 * p;
        for (int i = 0; i < inputs.Length; i++)
        {
            // One uniform draw decides both: u < p corrupts, and given that, u < p/2 (probability ½) is pepper.
            double u = random.NextDouble();
            if (u < p)
                inputs[i] = u < half ? 0f : 1f;
        }
    }
}
