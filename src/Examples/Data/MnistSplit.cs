namespace Mlp.Examples.Data;

/// <summary>The course's MNIST split: train = the first 50,000 training images, valid = the last 10,000.</summary>
/// <param name="Train">The training images.</param>
/// <param name="Valid">The validation images.</param>
public sealed record MnistSplit(ImageSet Train, ImageSet Valid)
{
    /// <summary>The number of training images in the course's split.</summary>
    public const int TrainCount = 50_000;

    /// <summary>The file holding MNIST's 60,000 training images.</summary>
    public const string TrainImagesFile = "train-images-idx3-ubyte.gz";

    /// <summary>Reads the training images from <paramref name="dataDirectory"/> and splits them as the course does.</summary>
    /// <param name="dataDirectory">A folder holding <see cref="TrainImagesFile"/>.</param>
    public static MnistSplit LoadImages(string dataDirectory)
    {
        string path = Path.Combine(dataDirectory, TrainImagesFile);
        ImageSet all = IdxImageFile.Read(path);
        if (all.Count <= TrainCount)
            throw new InvalidDataException($"{path}: {all.Count} images, but the course's split needs more than {TrainCount}.");
        return new MnistSplit(all.Slice(0, TrainCount), all.Slice(TrainCount, all.Count - TrainCount));
    }
}
