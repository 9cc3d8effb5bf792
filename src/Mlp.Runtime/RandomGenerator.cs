using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mlp;

/// <summary>
/// The runtime's one pseudo-random generator: xoshiro256** (Blackman and Vigna), seeded through
/// SplitMix64. Unlike <see cref="System.Random"/> its algorithm is fixed and its state can be saved
/// and restored, so seeded runs and resumed checkpoints reproduce exactly. Not thread-safe.
/// </summary>
public sealed class RandomGenerator
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator whose whole sequence is determined by <paramref name="seed"/>.</summary>
    public RandomGenerator(long seed)
    {
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Creates a generator that continues from a saved <paramref name="state"/>.</summary>
    public RandomGenerator(RandomGeneratorState state) => State = state;

    /// <summary>Creates a generator seeded from the operating system's entropy (not reproducible).</summary>
    public static RandomGenerator FromEntropy() => new(System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue)
        ^ ((long)System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue) << 32));

    /// <summary>The generator's full state; assigning it restores a saved position in the sequence.</summary>
    public RandomGeneratorState State
    {
        get => new(_s0, _s1, _s2, _s3);
        set
        {
            CheckState(value, nameof(value));
            (_s0, _s1, _s2, _s3) = (value.S0, value.S1, value.S2, value.S3);
        }
    }

    /// <summary>Throws unless <paramref name="state"/> is one a generator can be in (not all zero).</summary>
    internal static void CheckState(RandomGeneratorState state, string paramName)
    {
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
            throw new ArgumentException("An all-zero state is not a valid xoshiro256** state.", paramName);
    }

    /// <summary>The next 64 uniformly distributed bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform float in [0, 1) with 24 random bits.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias (Lemire's method).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int NextInt32(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong range = (ulong)maxExclusive;
        UInt128 product = (UInt128)NextUInt64() * range;
        ulong low = (ulong)product;
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = (UInt128)NextUInt64() * range;
                low = (ulong)product;
            }
        }
        return (int)(product >> 64);
    }

    /// <summary>A standard normal draw (Box–Muller; one draw per call, so the state stays four words).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: keeps the logarithm finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Fills <paramref name="destination"/> with uniform draws from [<paramref name="low"/>, <paramref name="high"/>).</summary>
    public void FillUniform(Span<float> destination, double low, double high)
    {
        if (!(high >= low)) throw new ArgumentOutOfRangeException(nameof(high), high, $"high must be at least low ({low}).");
        double width = high - low;
        for (int i = 0; i < destination.Length; i++)
            destination[i] = (float)(low + width * NextDouble());
    }

    /// <summary>Fills <paramref name="destination"/> with normal draws of the given mean and standard deviation.</summary>
    public void FillNormal(Span<float> destination, double mean, double standardDeviation)
    {
        if (!(standardDeviation >= 0)) throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be non-negative.");
        for (int i = 0; i < destination.Length; i++)
            destination[i] = (float)(mean + standardDeviation * NextGaussian());
    }

    /// <summary>Shuffles <paramref name="values"/> in place (Fisher–Yates), every permutation equally likely.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt32(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>A saved position of a <see cref="RandomGenerator"/>: its four state words.</summary>
public readonly record struct RandomGeneratorState(ulong S0, ulong S1, ulong S2, ulong S3);
