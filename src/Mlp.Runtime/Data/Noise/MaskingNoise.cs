using System.Runtime.InteropServices;

namespace Mlp.Data;

/// <summary>
/// Masking noise: each value is set to zero, independently, with probability <see cref="Probability"/> (the
/// course's denoising-autoencoder corruption, <c>inputs * (uniform ≥ p)</c>); the others are left unchanged.
/// </summary>
/// <remarks>
/// Each value's decision uses 32 random bits (two values per 64-bit draw), so the probability is <c>p</c> rounded
/// down to a multiple of 2⁻³² — exact for 0, 1 and every dyadic p such as 0.25.
/// </remarks>
public sealed class MaskingNoise : IInputNoise
{
    private readonly ulong _threshold;

    /// <summary>Creates the noise zeroing each value with probability <paramref name="probability"/>.</summary>
    /// <param name="probability">The chance that a value is zeroed; from 0 to 1.</param>
    public MaskingNoise(double probability)
    {
        Probability = NoiseGuard.Probability(probability, nameof(probability));
        _threshold = NoiseGuard.Threshold32(probability);
    }

    /// <summary>The chance that each value is zeroed.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public void Apply(Span<float> inputs, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        // Branch-free on the bits: a random 25% branch mispredicts constantly and costs more than the draws.
        Span<uint> bits = MemoryMarshal.Cast<float, uint>(inputs);
        long threshold = (long)_threshold;
        int i = 0;
        for (; i + 1 < bits.Length; i += 2)
        {
            ulong draw = random.NextUInt64();
            bits[i] &= ~NoiseGuard.Below((uint)draw, threshold);
            bits[i + 1] &= ~NoiseGuard.Below((uint)(draw >> 32), threshold);
        }
        if (i < bits.Length)
            bits[i] &= ~NoiseGuard.Below((uint)random.NextUInt64(), threshold);
    }
}
