namespace Mlp.Data;

/// <summary>
/// Applies a user transform to the inputs of any provider's batches (data augmentation, as the course's augmented
/// MNIST provider): the transform receives a copy of each batch's inputs (row-major <c>BatchSize × InputDim</c>) and
/// this provider's seeded generator, and changes the copy in place; the targets are left as they are.
/// </summary>
/// <example><code>
/// var train = new AugmentedDataProvider(new MnistDataProvider(MnistSet.Train), (inputs, rng) =>
/// {
///     for (int i = 0; i &lt; inputs.Length; i++) inputs[i] = Math.Clamp(inputs[i] + 0.1f * (rng.NextSingle() - 0.5f), 0f, 1f);
/// });
/// </code></example>
public sealed class AugmentedDataProvider : InputTransformingDataProvider
{
    /// <summary>The default seed of the transform's generator.</summary>
    public const long DefaultTransformSeed = 246810;

    private readonly Action<Span<float>, RandomGenerator> _transform;

    /// <summary>Wraps <paramref name="source"/>, transforming its inputs with <paramref name="transform"/>.</summary>
    /// <param name="source">The provider whose inputs are transformed.</param>
    /// <param name="transform">Changes one batch's copied inputs in place, drawing randomness only from the generator it is given.</param>
    /// <param name="seed">The seed of the transform's generator.</param>
    public AugmentedDataProvider(DataProvider source, Action<Span<float>, RandomGenerator> transform, long seed = DefaultTransformSeed)
        : base(source, seed)
    {
        ArgumentNullException.ThrowIfNull(transform);
        _transform = transform;
    }

    /// <inheritdoc />
    protected override void Transform(Span<float> inputs, RandomGenerator random) => _transform(inputs, random);
}
