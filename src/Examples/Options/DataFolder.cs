using Mlp.Examples.Data;

namespace Mlp.Examples.Options;

/// <summary>Finds the MNIST folder: as given, or for the default relative path also above the working and the program's folders.</summary>
public static class DataFolder
{
    /// <summary>
    /// Resolves <paramref name="path"/> to a folder holding <see cref="MnistSplit.TrainImagesFile"/>; returns why none was found, or null.
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
        return Directory.Exists(resolved)
            ? $"--data-dir: '{path}' holds no {MnistSplit.TrainImagesFile}"
            : $"--data-dir: folder '{path}' does not exist";
    }

    private static bool HoldsMnist(string folder) => File.Exists(Path.Combine(folder, MnistSplit.TrainImagesFile));
}
