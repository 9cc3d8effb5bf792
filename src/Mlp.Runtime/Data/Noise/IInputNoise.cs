namespace Mlp.Data;

/// <summary>A random corruption of input values, applied in place (see <see cref="NoisyDataProvider"/>).</summary>
public interface IInputNoise
{
    /// <summary>Corrupts <paramref name="inputs"/> in place, drawing every random number from <paramref name="random"/>.</summary>
    void Apply(Span<float> inputs, RandomGenerator random);
}
