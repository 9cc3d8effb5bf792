namespace Mlp.Initialisers;

/// <summary>Draws every value from a normal distribution <c>N(mean, std²)</c> (the course's <c>NormalInit</c>).</summary>
public sealed class NormalInit : IInitialiser
{
    /// <summary>Creates the initialiser.</summary>
    /// <param name="mean">The mean, finite.</param>
    /// <param name="std">The standard deviation, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is not finite or <paramref name="std"/> is not positive.</exception>
    public NormalInit(double mean, double std)
    {
        Mean = HyperParameter.Finite(mean, nameof(mean));
        Std = HyperParameter.Positive(std, nameof(std));
    }

    /// <summary>The mean.</summary>
    public double Mean { get; }

    /// <summary>The standard deviation.</summary>
    public double Std { get; }

    /// <inheritdoc />
    public void Initialise(Span<float> values, int fanIn, int fanOut, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        random.FillNormal(values, Mean, Std);
    }
}
