namespace Mlp.Initialisers;

/// <summary>Sets every value to one constant (zero biases are the default for generated models).</summary>
/// <param name="value">The value to write.</param>
public sealed class ConstantInit(float value = 0f) : IInitialiser
{
    /// <summary>The value written.</summary>
    public float Value { get; } = float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The value must be finite.");

    /// <inheritdoc />
    public void Initialise(Span<float> values, int fanIn, int fanOut, RandomGenerator random) => values.Fill(Value);
}
