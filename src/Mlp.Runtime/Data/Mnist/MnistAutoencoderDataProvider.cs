namespace Mlp.Data;

/// <summary>
/// MNIST for autoencoders: the targets are the inputs (784 values per example). They share memory, both in
/// <see cref="DataProvider.AllTargets"/> and in each batch, so a batch's inputs are gathered once; wrap the provider
/// in a <see cref="NoisyDataProvider"/> for a denoising autoencoder, which corrupts a copy and keeps the targets clean.
/// The integer labels remain available. See <see cref="MnistData"/> for the split.
/// </summary>
public sealed class MnistAutoencoderDataProvider : InMemoryDataProvider
{
    /// <summary>Loads <paramref name="which"/> set (see <see cref="MnistData.Load"/>) and serves it in batches.</summary>
    /// <param name="which">The set: Train, Valid or Test.</param>
    /// <param name="batchSize">Examples per batch; from 1 to the size of the set.</param>
    /// <param name="maxNumBatches">The most batches per epoch, or -1 for all; 0 and values below -1 are rejected.</param>
    /// <param name="shuffleOrder">Whether to reshuffle the order at the start of every epoch.</param>
    /// <param name="seed">The seed of the shuffling generator.</param>
    /// <exception cref="DataFileException">An MNIST file is missing or malformed.</exception>
    public MnistAutoencoderDataProvider(MnistSet which, int batchSize = 100, int maxNumBatches = -1, bool shuffleOrder = true, long seed = DefaultSeed)
        : this(MnistData.Load(which), batchSize, maxNumBatches, shuffleOrder, seed)
    {
    }

    /// <summary>Serves an already loaded set in batches, with the inputs as targets.</summary>
    /// <param name="data">The set, from <see cref="MnistData.Load"/>.</param>
    /// <param name="batchSize">Examples per batch; from 1 to the size of the set.</param>
    /// <param name="maxNumBatches">The most batches per epoch, or -1 for all; 0 and values below -1 are rejected.</param>
    /// <param name="shuffleOrder">Whether to reshuffle the order at the start of every epoch.</param>
    /// <param name="seed">The seed of the shuffling generator.</param>
    public MnistAutoencoderDataProvider(MnistData data, int batchSize = 100, int maxNumBatches = -1, bool shuffleOrder = true, long seed = DefaultSeed)
        : base(NotNull(data).Inputs, data.Inputs, data.Labels, MnistData.ImageSize, MnistData.ImageSize,
            batchSize, maxNumBatches, shuffleOrder, seed)
    {
        Data = data;
    }

    /// <summary>The set served.</summary>
    public MnistData Data { get; }

    /// <summary>Which set is served.</summary>
    public MnistSet Set => Data.Set;

    private static MnistData NotNull(MnistData data) => data ?? throw new ArgumentNullException(nameof(data));
}
