namespace Mlp.Initialisers;

/// <summary>Draws every value uniformly from [<c>low</c>, <c>high</c>) (the course's <c>UniformInit</c>).</summary>
public sealed class UniformInit : IInitialiser
{
    /// <summary>Creates the initialiser.</summary>
    /// <param name="low">The inclusive lower bound, finite.</param>
    /// <param name="high">The exclusive upper bound, finite and greater than <paramref name="low"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, or <paramref name="high"/> is not above <paramref name="low"/>.</exception>
    public UniformInit(double low, double high)
    {
        Low = HyperParameter.Finite(low, nameof(low));
        High = HyperParameter.Finite(high, nameof(high));
        if (!(high > low))
            throw new ArgumentOutOfRangeException(nameof(high), high, $"high must be greater than low ({low}).");
    }

    /// <summary>The inclusive lower bound.</summary>
    public double Low { get; }

    /// <summary>The exclusive upper bound.</summary>
    public double High { get; }

    /// <inheritdoc />
    public void Initialise(Span<float> values, int fanIn, int fanOut, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        random.FillUniform(values, Low, High);
    }
}
