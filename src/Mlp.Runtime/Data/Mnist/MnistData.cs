namespace Mlp.Data;

/// <summary>
/// One of the course's MNIST sets, decoded: inputs <c>byte / 256f</c> (which reproduces the course's own data files
/// exactly), one-of-K targets and integer labels, each in file order. The split is the course's: <see cref="MnistSet.Train"/>
/// is the first 50,000 images of the training file, <see cref="MnistSet.Valid"/> the last 10,000, and
/// <see cref="MnistSet.Test"/> the 10,000 test images. Each file is decoded once per process and shared, so loading
/// a set again is free; the memory is read-only.
/// </summary>
public sealed class MnistData
{
    /// <summary>Pixel rows per image.</summary>
    public const int ImageRows = 28;

    /// <summary>Pixel columns per image.</summary>
    public const int ImageColumns = 28;

    /// <summary>Input features per image (28 × 28).</summary>
    public const int ImageSize = ImageRows * ImageColumns;

    /// <summary>The number of classes (digits 0 to 9), the width of the one-of-K targets.</summary>
    public const int NumClasses = 10;

    /// <summary>Images in MNIST's training file, split into <see cref="MnistSet.Train"/> and <see cref="MnistSet.Valid"/>.</summary>
    public const int TrainingFileCount = 60_000;

    /// <summary>Images in <see cref="MnistSet.Train"/>.</summary>
    public const int TrainCount = 50_000;

    /// <summary>Images in <see cref="MnistSet.Valid"/>.</summary>
    public const int ValidCount = TrainingFileCount - TrainCount;

    /// <summary>Images in <see cref="MnistSet.Test"/>.</summary>
    public const int TestCount = 10_000;

    private MnistData(MnistSet set, string directory, ReadOnlyMemory<float> inputs, ReadOnlyMemory<float> targets, ReadOnlyMemory<int> labels)
    {
        Set = set;
        Directory = directory;
        Inputs = inputs;
        Targets = targets;
        Labels = labels;
    }

    /// <summary>Which set this is.</summary>
    public MnistSet Set { get; }

    /// <summary>The folder the files were read from.</summary>
    public string Directory { get; }

    /// <summary>The number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>The images, row-major <see cref="Count"/> × 784, each pixel <c>byte / 256f</c>.</summary>
    public ReadOnlyMemory<float> Inputs { get; }

    /// <summary>The one-of-K targets, row-major <see cref="Count"/> × 10: 1 in the label's column, 0 elsewhere.</summary>
    public ReadOnlyMemory<float> Targets { get; }

    /// <summary>The integer labels (digits 0 to 9).</summary>
    public ReadOnlyMemory<int> Labels { get; }

    /// <summary>
    /// Loads a set from the gzipped IDX files in <paramref name="dataDirectory"/>, or, when that is <c>null</c>, in
    /// the folder <see cref="MnistFiles.LocateDirectory()"/> finds (<c>MLP_DATA_DIR</c>, else a <c>data/mnist</c> folder
    /// above the current or the application's directory).
    /// </summary>
    /// <exception cref="DataFileException">A file is missing or malformed; the message names it and the fault.</exception>
    public static MnistData Load(MnistSet which, string? dataDirectory = null)
    {
        if (!Enum.IsDefined(which))
            throw new ArgumentOutOfRangeException(nameof(which), which, "Expected MnistSet.Train, Valid or Test.");
        string directory, provenance;
        if (dataDirectory is null)
            directory = MnistFiles.LocateDirectory(out provenance);
        else
            (directory, provenance) = (Path.GetFullPath(dataDirectory), "given by the caller");

        bool test = which == MnistSet.Test;
        string imagesPath = Path.Combine(directory, test ? MnistFiles.TestImages : MnistFiles.TrainImages);
        string labelsPath = Path.Combine(directory, test ? MnistFiles.TestLabels : MnistFiles.TrainLabels);
        RequireFile(imagesPath, directory, provenance);
        RequireFile(labelsPath, directory, provenance);

        // The headers' counts are compared before any pixel is decoded: a forged count costs nothing.
        int expected = test ? TestCount : TrainingFileCount;
        int imageCount = MnistFileCache.ImageCount(imagesPath), labelCount = MnistFileCache.LabelCount(labelsPath);
        string expectation = test
            ? "MNIST's test files hold 10,000"
            : "MNIST's training files hold 60,000 (the course's split takes the first 50,000 for training and the last 10,000 for validation)";
        if (imageCount != labelCount)
        {
            // Blame the file whose count is not the data set's; when neither is, the labels (as before).
            string blamed = labelCount == expected ? imagesPath : labelsPath;
            throw new DataFileException(blamed, DataFileProblem.CountMismatch,
                $"The MNIST files disagree: {imagesPath} holds {imageCount} images but {labelsPath} holds {labelCount} labels; {expectation}, so {blamed} is the wrong file.");
        }
        if (imageCount != expected)
            throw new DataFileException(imagesPath, DataFileProblem.UnexpectedShape,
                $"{imagesPath} holds {imageCount} images, but {expectation}.");

        IdxImages images = MnistFileCache.Images(imagesPath);
        IdxLabels labels = MnistFileCache.Labels(labelsPath);

        (int start, int count) = which switch
        {
            MnistSet.Train => (0, TrainCount),
            MnistSet.Valid => (TrainCount, ValidCount),
            _ => (0, TestCount),
        };
        return new MnistData(which, directory,
            images.Pixels.AsMemory(start * ImageSize, count * ImageSize),
            labels.OneOfK.AsMemory(start * NumClasses, count * NumClasses),
            labels.Labels.AsMemory(start, count));
    }

    private static void RequireFile(string path, string directory, string provenance)
    {
        // A folder or a symbolic link that loops is not "missing": opening it says what is wrong.
        if (!File.Exists(path) && !System.IO.Directory.Exists(path) && new FileInfo(path).LinkTarget is null)
            throw new DataFileException(path, DataFileProblem.Missing,
                $"The MNIST file {path} does not exist (looked in {directory}, {provenance}). Set {MnistFiles.DataDirectoryVariable} to the folder that holds {MnistFiles.TrainImages}, {MnistFiles.TrainLabels}, {MnistFiles.TestImages} and {MnistFiles.TestLabels}.");
    }
}
