using Mlp.Examples.Output;
using Mlp.Examples.Results;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Output;

public class ReportMarkdownTests
{
    [Fact]
    public void TiesTheTableFiguresStatisticsSettingsAndMachineTogether()
    {
        using var folder = new TempFolder();
        string path = ReportMarkdown.Write(folder.Path, SampleResults.Report);
        Assert.Equal(folder.File("report.md"), path);
        string report = File.ReadAllText(path);

        Assert.Contains(ResultsTableText.Markdown(ResultsTable.Build(SampleResults.Results)), report);
        Assert.Contains("Exercise 2 runs as well.", report);
        Assert.Contains("| Exercise 1 \\| linear | `Affine(784, 50) -> Affine(50, 784)` | 79,234 | [ex1 model.safetensors](ex1%20model.safetensors) | [ex1 model.onnx](ex1%20model.onnx) |", report);
        Assert.Contains("- Exercise 1: linear autoencoder: model 123, batches 124", report);
        Assert.Contains("![PCA reconstructions](pca-reconstructions.png)", report);
        Assert.Contains("[ex4_pretrained-statistics.csv](ex4_pretrained-statistics.csv)", report);
        Assert.Contains("| `--epochs` | 2 |", report);
        Assert.Contains("| `--freeze-pretrained` | yes |", report);
        Assert.Contains("| `--max-batches` | — |", report);
        Assert.Contains("- processor: Test CPU", report);
        Assert.Contains("- runtime: .NET 10.0.0", report);
        Assert.Contains("- load mnist: 0.50 s", report);
        Assert.Contains("- PCA, 50 components: covariance 0.75 s, eigendecomposition 1.25 s; 2.50 s in all.", report);
        Assert.Contains("took 12.5 s on 2 cores (load average 1.50 2.00 2.50 when it started)", report);
        Assert.Contains("- load average (1, 5, 15 minutes) when the run started: 1.50 2.00 2.50", report);
    }

    [Fact]
    public void ImageLinksAreRelativeAndEscaped()
    {
        var report = SampleResults.Report with { Figures = [new ReportFigure("odd name", "a b.png")] };
        Assert.Contains("![odd name](a%20b.png)", ReportMarkdown.Render(report));
    }
}
