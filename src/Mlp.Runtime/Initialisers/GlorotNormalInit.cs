namespace Mlp.Initialisers;

/// <summary>
/// Glorot and Bengio's normal initialisation: <c>N(0, std²)</c> with <c>std = gain · sqrt(2 / (fanIn + fanOut))</c>
/// (the course's <c>GlorotNormalInit</c>; PyTorch's <c>xavier_normal_</c>).
/// </summary>
/// <param name="gain">A multiplier on the standard deviation; must be finite and positive.</param>
public sealed class GlorotNormalInit(double gain = 1.0) : IInitialiser
{
    /// <summary>The multiplier on the standard deviation.</summary>
    public double Gain { get; } = HyperParameter.Positive(gain, nameof(gain));

    /// <inheritdoc />
    public void Initialise(Span<float> values, int fanIn, int fanOut, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanIn);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fanOut);
        random.FillNormal(values, 0.0, StandardDeviation(fanIn, fanOut));
    }

    /// <summary>The standard deviation drawn from for a tensor with the given fan-in and fan-out.</summary>
    public double StandardDeviation(int fanIn, int fanOut) => Gain * Math.Sqrt(2.0 / (fanIn + fanOut));
}
