using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Exercises;

/// <summary>Hostile data files end the notebook with one line on stderr and exit code 1, never a stack trace.</summary>
public sealed class HostileDataTests
{
    [Fact]
    public void ALabelFileDeclaring220MillionLabelsIsAOneLineError()
    {
        using var folder = new TempFolder();
        string data = Path.Combine(folder.Path, "mnist");
        Directory.CreateDirectory(data);
        // A valid 60,000-image training file, and a label file that declares (and holds) 220,000,000 zero labels.
        CraftedIdxFiles.WriteGzipOfZeros(Path.Combine(data, "train-images-idx3-ubyte.gz"), CraftedIdxFiles.ImageFileContent(60_000, 28, 28, []), 60_000L * 784);
        CraftedIdxFiles.WriteGzipOfZeros(Path.Combine(data, "train-labels-idx1-ubyte.gz"), CraftedIdxFiles.LabelFileContent(220_000_000, []), 220_000_000);
        var app = new CapturedApp();

        Assert.Equal(1, app.Run("--data-dir", data, "--output", folder.File("out"), "--exercises", "pca"));

        string error = app.Error.ToString();
        Assert.StartsWith("error: ", error);
        Assert.Contains("train-labels-idx1-ubyte.gz", error);
        Assert.Contains("220000000 labels", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
