namespace Mlp.Data;

/// <summary>Where the MNIST files are: their names and how their folder is found.</summary>
public static class MnistFiles
{
    /// <summary>The environment variable naming the folder that holds the MNIST files; it overrides the search.</summary>
    public const string DataDirectoryVariable = "MLP_DATA_DIR";

    /// <summary>The training images (60,000), gzipped IDX.</summary>
    public const string TrainImages = "train-images-idx3-ubyte.gz";

    /// <summary>The training labels (60,000), gzipped IDX.</summary>
    public const string TrainLabels = "train-labels-idx1-ubyte.gz";

    /// <summary>The test images (10,000), gzipped IDX.</summary>
    public const string TestImages = "t10k-images-idx3-ubyte.gz";

    /// <summary>The test labels (10,000), gzipped IDX.</summary>
    public const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    /// <summary>
    /// The folder holding the MNIST files: the one named by <c>MLP_DATA_DIR</c> when that is set, otherwise the first
    /// <c>data/mnist</c> folder found searching upward from the current directory, then from the application's
    /// directory (<see cref="AppContext.BaseDirectory"/>).
    /// </summary>
    /// <exception cref="DataFileException">No such folder exists (the message says where it looked).</exception>
    public static string LocateDirectory() => LocateDirectory(out _);

    internal static string LocateDirectory(out string provenance) =>
        LocateDirectory(Environment.GetEnvironmentVariable(DataDirectoryVariable),
            [Environment.CurrentDirectory, AppContext.BaseDirectory], out provenance);

    /// <summary>The search of <see cref="LocateDirectory()"/> with its inputs given, so tests need not change the process's environment.</summary>
    internal static string LocateDirectory(string? variableValue, IReadOnlyList<string> startDirectories, out string provenance)
    {
        if (!string.IsNullOrEmpty(variableValue))
        {
            string folder = Path.GetFullPath(variableValue);
            if (!Directory.Exists(folder))
                throw new DataFileException(folder, DataFileProblem.Missing,
                    $"{DataDirectoryVariable} is set to '{variableValue}', but the folder {folder} does not exist. Point {DataDirectoryVariable} at the folder that holds {TrainImages} and the other MNIST files.");
            provenance = $"named by {DataDirectoryVariable}";
            return folder;
        }

        foreach (string start in startDirectories)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", "mnist");
                if (Directory.Exists(candidate))
                {
                    provenance = $"found searching upward from {start}; set {DataDirectoryVariable} to use another folder";
                    return candidate;
                }
            }
        }

        string looked = string.Join(" and ", startDirectories.Select(d => Path.GetFullPath(d)).Distinct());
        throw new DataFileException(Path.GetFullPath(startDirectories.Count > 0 ? startDirectories[0] : "."), DataFileProblem.Missing,
            $"No data/mnist folder was found searching upward from {looked}, and {DataDirectoryVariable} is not set. Set {DataDirectoryVariable} to the folder that holds {TrainImages}, {TrainLabels}, {TestImages} and {TestLabels}.");
    }
}
