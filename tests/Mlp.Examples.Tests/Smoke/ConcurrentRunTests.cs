using System.Text.Json;
using Mlp.Examples.Tests.Support;
using Xunit.Abstractions;

namespace Mlp.Examples.Tests.Smoke;

public class ConcurrentRunTests(ITestOutputHelper output)
{
    // Two epochs of a few batches: every part trains, draws and saves, in seconds.
    private static readonly string[] QuickRun = ["--epochs", "2", "--max-batches", "10", "--batch-size", "50"];

    [Fact]
    public void PartsRunConcurrentlyWriteTheSameNumbersModelsAndFiguresAsOneAfterTheOther()
    {
        using var folder = new TempFolder();
        string sequential = folder.File("sequential"), concurrent = folder.File("concurrent");
        var one = new CapturedApp();
        Assert.Equal(0, one.Run([.. QuickRun, "--threads", "2", "--sequential", "--output", sequential]));
        // Three threads: three parts at once on this 2-core machine, so they truly overlap.
        var many = new CapturedApp();
        Assert.Equal(0, many.Run([.. QuickRun, "--threads", "3", "--output", concurrent]));
        output.WriteLine(many.Out.ToString());

        string[] files = Directory.GetFiles(sequential).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(files, Directory.GetFiles(concurrent).Select(Path.GetFileName).Order());
        Assert.Equal(10, files.Count(f => f.EndsWith(".safetensors", StringComparison.Ordinal) || f.EndsWith(".onnx", StringComparison.Ordinal)));
        foreach (string file in files)
        {
            string a = Path.Combine(sequential, file), b = Path.Combine(concurrent, file);
            switch (Path.GetExtension(file))
            {
                case ".safetensors" or ".onnx" or ".png":
                    Assert.True(File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b)), $"{file} differs");
                    break;
                case ".csv":
                    Assert.Equal(WithoutSeconds(a), WithoutSeconds(b));
                    break;
            }
        }

        using var x = JsonDocument.Parse(File.ReadAllText(Path.Combine(sequential, "results.json")));
        using var y = JsonDocument.Parse(File.ReadAllText(Path.Combine(concurrent, "results.json")));
        foreach (string section in new[] { "results", "linear_vs_pca", "ex2_vs_linear", "titles", "figures", "models" })
            Assert.Equal(Values(x.RootElement.GetProperty(section)), Values(y.RootElement.GetProperty(section)));

        // Redirected output stays one whole line per event, each naming its part.
        foreach (string line in many.Out.ToString().Split(Environment.NewLine).Where(l => l.Contains(": epoch ", StringComparison.Ordinal)))
            Assert.Matches(@"^Exercise \d: [a-z() -]+: epoch \d/2: .* s$", line);
    }

    // Every value under the element, by path, leaving out timings (the only thing a schedule may change).
    private static List<string> Values(JsonElement element, string path = "")
    {
        var values = new List<string>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty p in element.EnumerateObject().Where(p => p.Name != "timing"))
                    values.AddRange(Values(p.Value, $"{path}.{p.Name}"));
                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                    values.AddRange(Values(item, $"{path}[{i++}]"));
                break;
            default:
                values.Add($"{path}={element.GetRawText()}");
                break;
        }
        return values;
    }

    // The CSV with its seconds column (the second) removed.
    private static List<string> WithoutSeconds(string path) =>
        File.ReadLines(path).Select(line => string.Join(",", line.Split(',').Where((_, i) => i != 1))).ToList();

}
