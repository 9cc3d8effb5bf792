using Mlp.Data;

namespace Mlp.Examples.Options;

/// <summary>Finds the MNIST folder: as given, or for the default relative path also above the working and the program's folders.</summary>
public static class DataFolder
{
    /// <summary>
    /// Resolves <paramref name="path"/> to a folder holding MNIST's training images and labels (<see cref="MnistFiles.TrainImages"/>,
    /// <see cref="MnistFiles.TrainLabels"/>); returns why none was found, or null.
    /// The default <see cref="ExampleOptions.DefaultDataDirectory"/> is also looked for in the parents of the working folder and of
    /// the program's folder, so that the example runs from anywhere inside the repository.
    /// </summary>
    public static string? Resolve(string path, out string resolved)
    {
        resolved = Path.GetFullPath(path);
        if (HoldsMnist(resolved))
            return null;
        if (!Path.IsPathRooted(path) && path == ExampleOptions.DefaultDataDirectory)
        {
            foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
                for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                {
                    string candidate = Path.Combine(folder.FullName, path);
                    if (HoldsMnist(candidate))
                    {
                        resolved = candidate;
                        return null;
                    }
                }
        }
        if (!Directory.Exists(resolved))
            return $"--data-dir: folder '{path}' does not exist";
        string missing = File.Exists(Path.Combine(resolved, MnistFiles.TrainImages)) ? MnistFiles.TrainLabels : MnistFiles.TrainImages;
        return $"--data-dir: '{path}' holds no {missing}";
    }

    private static bool HoldsMnist(string folder) =>
        File.Exists(Path.Combine(folder, MnistFiles.TrainImages)) && File.Exists(Path.Combine(folder, MnistFiles.TrainLabels));
}
