using Mlp.Data;

namespace Mlp.Examples.Data;

/// <summary>The course's MNIST split: train = the first 50,000 training images, valid = the last 10,000.</summary>
/// <param name="Train">The training images.</param>
/// <param name="Valid">The validation images.</param>
public sealed record MnistSplit(ImageSet Train, ImageSet Valid)
{
    /// <summary>Loads both sets from the gzipped IDX files in <paramref name="dataDirectory"/> (<see cref="MnistData.Load"/>, decoded once per process).</summary>
    /// <param name="dataDirectory">A folder holding MNIST's training images and labels.</param>
    /// <exception cref="DataFileException">A file is missing or malformed.</exception>
    public static MnistSplit Load(string dataDirectory) => new(
        ImageSet.From(MnistData.Load(MnistSet.Train, dataDirectory)),
        ImageSet.From(MnistData.Load(MnistSet.Valid, dataDirectory)));

    /// <summary>The first <paramref name="trainCount"/> training and <paramref name="validCount"/> validation images (fewer where a set has fewer).</summary>
    public MnistSplit Take(int trainCount, int validCount) => new(
        Train.Slice(0, Math.Min(trainCount, Train.Count)),
        Valid.Slice(0, Math.Min(validCount, Valid.Count)));
}
