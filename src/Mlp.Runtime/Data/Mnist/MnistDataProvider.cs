namespace Mlp.Data;

/// <summary>
/// The course's <c>MNISTDataProvider</c>: batches of MNIST images (784 inputs, <c>byte / 256f</c>) with one-of-K
/// targets over the 10 digits and the integer labels in <see cref="DataBatch.Labels"/>. See <see cref="MnistData"/>
/// for the split and <see cref="DataProvider"/> for the iteration semantics.
/// </summary>
public sealed class MnistDataProvider : InMemoryDataProvider
{
    /// <summary>Loads <paramref name="which"/> set (see <see cref="MnistData.Load"/>) and serves it in batches.</summary>
    /// <param name="which">The set: Train, Valid or Test.</param>
    /// <param name="batchSize">Examples per batch; from 1 to the size of the set.</param>
    /// <param name="maxNumBatches">The most batches per epoch, or -1 for all; 0 and values below -1 are rejected.</param>
    /// <param name="shuffleOrder">Whether to reshuffle the order at the start of every epoch.</param>
    /// <param name="seed">The seed of the shuffling generator.</param>
    /// <exception cref="DataFileException">An MNIST file is missing or malformed.</exception>
    public MnistDataProvider(MnistSet which, int batchSize = 100, int maxNumBatches = -1, bool shuffleOrder = true, long seed = DefaultSeed)
        : this(MnistData.Load(which), batchSize, maxNumBatches, shuffleOrder, seed)
    {
    }

    /// <summary>Serves an already loaded set in batches.</summary>
    /// <param name="data">The set, from <see cref="MnistData.Load"/>.</param>
    /// <param name="batchSize">Examples per batch; from 1 to the size of the set.</param>
    /// <param name="maxNumBatches">The most batches per epoch, or -1 for all; 0 and values below -1 are rejected.</param>
    /// <param name="shuffleOrder">Whether to reshuffle the order at the start of every epoch.</param>
    /// <param name="seed">The seed of the shuffling generator.</param>
    public MnistDataProvider(MnistData data, int batchSize = 100, int maxNumBatches = -1, bool shuffleOrder = true, long seed = DefaultSeed)
        : base(NotNull(data).Inputs, data.Targets, data.Labels, MnistData.ImageSize, MnistData.NumClasses,
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
