using Spectre.Console.Testing;

namespace Mlp.Examples.Tests.Support;

/// <summary>Runs the app's entry point in-process with captured, non-interactive output.</summary>
internal sealed class CapturedApp
{
    public StringWriter Out { get; } = new();
    public StringWriter Error { get; } = new();

    public int Run(params string[] args) => ExamplesApp.Run(args, new AppConsole(Out, Error, new TestConsole(), Interactive: false));

    /// <summary>A folder that passes the data-folder check: empty training image and label files, which fail when read.</summary>
    public static string FakeDataFolder(TempFolder folder)
    {
        string data = Path.Combine(folder.Path, "mnist");
        Directory.CreateDirectory(data);
        File.WriteAllBytes(Path.Combine(data, "train-images-idx3-ubyte.gz"), []);
        File.WriteAllBytes(Path.Combine(data, "train-labels-idx1-ubyte.gz"), []);
        return data;
    }
}
