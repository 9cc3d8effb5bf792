using Mlp.Data;

namespace Mlp.Examples.Data;

/// <summary>
/// A set of grey images as floats in [0, 1), row-major <c>(Count, Rows · Columns)</c>, with one-of-K targets and
/// integer labels where the images are labelled. A view: slicing and <see cref="From"/> copy nothing.
/// </summary>
/// <param name="Pixels">The pixel values, image after image, each image row after row.</param>
/// <param name="Count">The number of images.</param>
/// <param name="Rows">The height of an image in pixels.</param>
/// <param name="Columns">The width of an image in pixels.</param>
public sealed record ImageSet(ReadOnlyMemory<float> Pixels, int Count, int Rows, int Columns)
{
    /// <summary>The one-of-K targets, row-major <c>(Count, Classes)</c>; empty when the images are unlabelled.</summary>
    public ReadOnlyMemory<float> Targets { get; init; }

    /// <summary>The integer label of each image; empty when the images are unlabelled.</summary>
    public ReadOnlyMemory<int> Labels { get; init; }

    /// <summary>The number of pixels of one image: the feature count of an example.</summary>
    public int Dimension => Rows * Columns;

    /// <summary>The number of classes the targets encode; 0 when the images are unlabelled.</summary>
    public int Classes => Count == 0 ? 0 : Targets.Length / Count;

    /// <summary>A view of one of the course's MNIST sets.</summary>
    public static ImageSet From(MnistData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new ImageSet(data.Inputs, data.Count, MnistData.ImageRows, MnistData.ImageColumns)
        {
            Targets = data.Targets,
            Labels = data.Labels,
        };
    }

    /// <summary>The images <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1, without copying.</summary>
    public ImageSet Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count, nameof(count));
        int classes = Classes;
        return this with
        {
            Pixels = Pixels.Slice(start * Dimension, count * Dimension),
            Count = count,
            Targets = Targets.IsEmpty ? Targets : Targets.Slice(start * classes, count * classes),
            Labels = Labels.IsEmpty ? Labels : Labels.Slice(start, count),
        };
    }

    /// <summary>
    /// Mini-batches for an autoencoder: the images are both the inputs and the targets (the same memory, so a batch
    /// is gathered once), as the course's <c>MNISTAutoencoderDataProvider</c> serves them.
    /// </summary>
    /// <param name="batchSize">Examples per batch; at most <see cref="Count"/> (a larger size is cut to it).</param>
    /// <param name="maxBatches">The most batches per epoch, or null for every whole batch.</param>
    /// <param name="shuffle">Whether to reshuffle the order at the start of every epoch.</param>
    /// <param name="seed">The seed of the shuffling generator.</param>
    public DataProvider AutoencoderBatches(int batchSize, int? maxBatches, bool shuffle, long seed) =>
        new InMemoryDataProvider(Pixels, Pixels, Labels, Dimension, Dimension, Math.Min(batchSize, Count), maxBatches ?? -1, shuffle, seed);

    /// <summary>Mini-batches for a classifier: the images as inputs, their one-of-K targets, as the course's <c>MNISTDataProvider</c>.</summary>
    /// <param name="batchSize">Examples per batch; at most <see cref="Count"/> (a larger size is cut to it).</param>
    /// <param name="maxBatches">The most batches per epoch, or null for every whole batch.</param>
    /// <param name="shuffle">Whether to reshuffle the order at the start of every epoch.</param>
    /// <param name="seed">The seed of the shuffling generator.</param>
    /// <exception cref="InvalidOperationException">The images are unlabelled.</exception>
    public DataProvider ClassifierBatches(int batchSize, int? maxBatches, bool shuffle, long seed)
    {
        if (Targets.IsEmpty)
            throw new InvalidOperationException("These images have no labels to classify.");
        return new InMemoryDataProvider(Pixels, Targets, Labels, Dimension, Classes, Math.Min(batchSize, Count), maxBatches ?? -1, shuffle, seed);
    }
}
