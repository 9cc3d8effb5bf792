namespace Mlp.Initialisers;

/// <summary>
/// Glorot and Bengio's uniform initialisation: <c>U(−s, s)</c> with <c>s = gain · sqrt(6 / (fanIn + fanOut))</c>.
/// The default for generated models' weights, as in the course and PyTorch's <c>xavier_uniform_</c>.
/// </summary>
/// <param name="gain">A multiplier on the scale; must be positive.</param>
public sealed class GlorotUniformInit(double gain = 1.0) : IInitialiser
{
    /// <summary>The multiplier on the scale.</summary>
    public double Gain { get; } = gain > 0 ? gain : throw new ArgumentOutOfRangeException(nameof(gain), gain, "The gain must be positive.");

    /// <inheritdoc />
    public void Initialise(Span<float> values, int fanIn, int fanOut, RandomGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        double scale = Gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        random.FillUniform(values, -scale, scale);
    }
}
