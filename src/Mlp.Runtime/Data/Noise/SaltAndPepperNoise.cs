using System.Runtime.InteropServices;

namespace Mlp.Data;

/// <summary>
/// Salt-and-pepper noise: each value, independently with probability <see cref="Probability"/>, is set to 0 or to 1
/// with equal odds; the others are left unchanged.
/// </summary>
/// <remarks>
/// Each value's decision uses 32 random bits (two values per 64-bit draw), so the probabilities are rounded down to
/// multiples of 2⁻³²: exact for every dyadic p such as 0.25.
/// </remarks>
public sealed class SaltAndPepperNoise : IInputNoise
{
    private readonly ulong _threshold, _pepperThreshold;

    /// <summary>Creates the noise corrupting each value with probability <paramref name="probability"/>.</summary>
    /// <param name="probability">The chance that a value is replaced by 0 or 1; from 0 to 1.</param>
    public SaltAndPepperNoise(double probability)
    {
        Probability = NoiseGuard.Probability(probability, nameof(probability));
        _threshold = NoiseGuard.Threshold32(probability);
        _pepperThreshold = NoiseGuard.Threshold32(0.5 * probability);
    }

    /// <summary>The chance that each value is replaced by 0 or 1.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public void Apply(Span<float> inputs, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<uint> bits = MemoryMarshal.Cast<float, uint>(inputs);
        int i = 0;
        for (; i + 1 < bits.Length; i += 2)
        {
            ulong draw = random.NextUInt64();
            bits[i] = Corrupt(bits[i], (uint)draw);
            bits[i + 1] = Corrupt(bits[i + 1], (uint)(draw >> 32));
        }
        if (i < bits.Length)
            bits[i] = Corrupt(bits[i], (uint)random.NextUInt64());
    }

    // One uniform 32-bit draw decides both: u < p corrupts, and given that, u < p/2 (probability ½) is pepper (0),
    // otherwise salt (1). Branch-free on the bits, since the branches would be unpredictable.
    private uint Corrupt(uint value, uint u)
    {
        uint corrupt = NoiseGuard.Below(u, (long)_threshold), pepper = NoiseGuard.Below(u, (long)_pepperThreshold);
        return (value & ~corrupt) | (corrupt & ~pepper & OneBits);
    }

    private const uint OneBits = 0x3F80_0000; // 1f
}
