namespace Mlp.Data;

/// <summary>
/// Corrupts the inputs of any provider's batches with an <see cref="IInputNoise"/> (for denoising autoencoders),
/// leaving the targets clean: the noise is applied to a copy of each batch's inputs and drawn from this provider's
/// own seeded generator.
/// </summary>
/// <example><code>
/// var train = new NoisyDataProvider(new MnistAutoencoderDataProvider(MnistSet.Train, batchSize: 50), new MaskingNoise(0.25));
/// foreach (var batch in train) { /* batch.Inputs masked, batch.Targets the clean images */ }
/// </code></example>
public sealed class NoisyDataProvider : InputTransformingDataProvider
{
    /// <summary>The default seed of the noise generator (distinct from <see cref="DataProvider.DefaultSeed"/>).</summary>
    public const long DefaultNoiseSeed = 654321;

    /// <summary>Wraps <paramref name="source"/>, corrupting its inputs with <paramref name="noise"/>.</summary>
    /// <param name="source">The provider whose inputs are corrupted.</param>
    /// <param name="noise">The corruption to apply to each batch.</param>
    /// <param name="seed">The seed of the noise generator.</param>
    public NoisyDataProvider(DataProvider source, IInputNoise noise, long seed = DefaultNoiseSeed)
        : base(source, seed)
    {
        ArgumentNullException.ThrowIfNull(noise);
        Noise = noise;
    }

    /// <summary>The corruption applied to each batch's inputs.</summary>
    public IInputNoise Noise { get; }

    /// <inheritdoc />
    protected override void Transform(Span<float> inputs, RandomGenerator random) => Noise.Apply(inputs, random);
}
