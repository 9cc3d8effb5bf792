using Mlp.Examples.Tests.Support;
using Mlp.Sweeps;

namespace Mlp.Examples.Tests.Sweeps;

public sealed class SweepVerbTests
{
    private static readonly string[] SmallSweep =
        ["sweep", "--exercise", "3", "--noise-level", "0.1,0.5", "--lr", "1e-3,1e-2", "--epochs", "2", "--max-batches", "4", "--batch-size", "25", "--parallel", "2"];

    [Fact]
    public void ASweepWritesItsSummaryCsvReportAndPlotsSortedByValidationError()
    {
        using var folder = new TempFolder();
        var app = new CapturedApp();
        Assert.Equal(0, app.Run([.. SmallSweep, "--output", folder.Path]));

        var summary = SweepJson.Read<Mlp.Examples.Sweeps.SweepSummary>(File.ReadAllText(folder.File("sweep.json")), "sweep.json");
        Assert.True(summary.Finished);
        Assert.Equal(4, summary.TrialIds.Count);
        double[] errors = [.. summary.Ranking.Select(r => r.ValidError!.Value)];
        Assert.Equal(errors.Order(), errors);
        Assert.All(summary.TrialIds, id => Assert.True(File.Exists(folder.File($"trials/{id}.json")) && File.Exists(folder.File($"models/{id}.safetensors"))));

        string[] csv = File.ReadAllLines(folder.File("trials.csv"));
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("rank,id,status,model,rule,lr,", csv[0], StringComparison.Ordinal);
        Assert.StartsWith($"1,{summary.Ranking[0].Id},completed,denoising-autoencoder,adam,", csv[1], StringComparison.Ordinal);

        string report = File.ReadAllText(folder.File("report.md"));
        Assert.Contains("| rank | trial | lr | noise-level | valid error |", report, StringComparison.Ordinal);
        Assert.True(report.IndexOf(summary.Ranking[0].Id, StringComparison.Ordinal) < report.IndexOf(summary.Ranking[3].Id, StringComparison.Ordinal));
        foreach (string plot in new[] { "sweep-lr.png", "sweep-noise-level.png", "sweep-heatmap.png" })
        {
            Assert.Contains($"]({plot})", report, StringComparison.Ordinal);
            Assert.Equal((800, 500), Png.Dimensions(File.ReadAllBytes(folder.File(plot))));
        }
        // Exercise 3's notebook seed 123 plus its offset 20: the trials use the seeds the notebook's exercise 3 uses.
        TrialResult best = SweepJson.Read<TrialResult>(File.ReadAllText(folder.File($"trials/{summary.Ranking[0].Id}.json")), "trial");
        Assert.Equal(143, best.Settings.Seed);
        Assert.Equal(3, best.Epochs.Count);
    }

    [Fact]
    public void RunningTheSameSweepAgainSkipsItsFinishedTrials()
    {
        using var folder = new TempFolder();
        var first = new CapturedApp();
        Assert.Equal(0, first.Run([.. SmallSweep, "--output", folder.Path]));
        string before = File.ReadAllText(folder.File("trials.csv"));

        var second = new CapturedApp();
        Assert.Equal(0, second.Run([.. SmallSweep, "--output", folder.Path]));
        Assert.Contains("Sweep: 4 trials, 4 already finished", second.Out.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(" starts on ", second.Out.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(folder.File("trials.csv")));
    }

    [Theory]
    [InlineData("--lr", "1e-3,-1", "error: --lr: the learning rate must be greater than 0 and at most 10, got -1 (see sweep --help)")]
    [InlineData("--model", "resnet", "error: --model: unknown model 'resnet'; this build knows linear-autoencoder, non-linear-autoencoder, denoising-autoencoder, digit-classifier (see sweep --help)")]
    [InlineData("--noise-level", "0.1,1.5", "error: --noise-level: masking noise's level is a probability and must be greater than 0 and less than 1, got 1.5 (see sweep --help)")]
    [InlineData("--seed", ",", "error: --seed: '' is not a number (seed of the weights, batch order and noise) (see sweep --help)")]
    [InlineData("--lr", "1e-4..1e-2", "error: --lr: a range (low..high) needs random search; a grid needs listed values (see sweep --help)")]
    public void ABadValueIsOneLineAndExitCode2WithNothingStarted(string flag, string value, string message)
    {
        using var folder = new TempFolder();
        string output = folder.File("out");
        var app = new CapturedApp();
        Assert.Equal(2, app.Run("sweep", "--exercise", "3", flag, value, "--output", output));
        Assert.Equal(message, app.Error.ToString().TrimEnd());
        Assert.False(Directory.Exists(output));
    }
}
