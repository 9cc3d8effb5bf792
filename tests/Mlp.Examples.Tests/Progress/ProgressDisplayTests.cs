using Mlp.Examples.Progress;
using Mlp.Training;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Mlp.Examples.Tests.Progress;

public class ProgressDisplayTests
{
    private static void TrainThreeEpochs(IProgressDisplay display, string name = "Exercise 1: linear autoencoder")
    {
        IRunProgress run = display.StartRun(name, 3);
        run.ReportEpoch(new TrainingProgress(1, 3, 1.5, Statistics(1, ("error(train)", 5.0), ("error(valid)", 5.25), ("error(valid_noisy)", 6.5))));
        run.ReportEpoch(new TrainingProgress(2, 3, 1.25, null));
        run.ReportEpoch(new TrainingProgress(3, 3, 2.5, Statistics(3, ("error(train)", 4.75), ("acc(train)", 0.975), ("error(valid)", 4.5), ("acc(valid)", 0.9625))));
        run.Finish();
    }

    private static EpochStatistics Statistics(int epoch, params (string Key, double Value)[] values) =>
        new(epoch, values.ToDictionary(v => v.Key, v => v.Value));

    [Fact]
    public void PlainDisplayLogsOneLinePerEpoch()
    {
        var output = new StringWriter();
        TrainThreeEpochs(new PlainProgressDisplay(output));
        string[] lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(5, lines.Length);
        Assert.Equal("Exercise 1: linear autoencoder: 3 epochs", lines[0]);
        Assert.Equal("Exercise 1: linear autoencoder: epoch 1/3: train error 5.0000, valid error 5.2500, valid noisy error 6.5000, 1.50 s", lines[1]);
        Assert.Equal("Exercise 1: linear autoencoder: epoch 2/3: 1.25 s", lines[2]);
        Assert.Equal("Exercise 1: linear autoencoder: epoch 3/3: train error 4.7500, valid error 4.5000, train acc 97.50%, valid acc 96.25%, 2.50 s", lines[3]);
        Assert.Matches(@"^Exercise 1: linear autoencoder: done in \d+\.\d s$", lines[4]);
    }

    [Fact]
    public void PlainLinesOfRunsOnSeveralThreadsStayWholeAndNameTheirRun()
    {
        var output = new StringWriter();
        var display = new PlainProgressDisplay(output);
        string[] names = ["Exercise 1: linear autoencoder", "PCA", "Exercise 2: non-linear autoencoder", "Exercise 3: denoising autoencoder"];
        Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = names.Length }, name =>
        {
            for (int i = 0; i < 50; i++)
                TrainThreeEpochs(display, $"{name} {i}");
            display.WriteLine($"{name}: finished");
        });

        string[] lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(names.Length * (50 * 5 + 1), lines.Length);
        foreach (string line in lines)
            Assert.Matches(@"^(Exercise \d: [a-z -]+|PCA)( \d+: (\d epochs|epoch \d/3: .*\d s|done in \d+\.\d s)|: finished)$", line);
    }

    [Fact]
    public void DisplaysRefuseMisuse()
    {
        var spectre = new SpectreProgressDisplay(new TestConsole().Interactive());
        foreach (IProgressDisplay display in new IProgressDisplay[] { new PlainProgressDisplay(new StringWriter()), spectre })
        {
            Assert.Throws<ArgumentOutOfRangeException>("epochs", () => display.StartRun("run", 0));
            IRunProgress run = display.StartRun("run", 1);
            Assert.Throws<InvalidOperationException>(() => display.StartRun("run", 1));
            IRunProgress other = display.StartRun("another", 1);   // a second run at once is what concurrent parts do
            run.Finish();
            Assert.Throws<InvalidOperationException>(run.Finish);
            Assert.Throws<InvalidOperationException>(() => run.ReportEpoch(new TrainingProgress(1, 1, 1, null)));
            other.Finish();
            display.StartRun("run", 1).Finish();   // a finished run's name can be used again
            display.Dispose();
        }
        Assert.Throws<ObjectDisposedException>(() => spectre.StartRun("late", 1));
    }

    [Fact]
    public void SpectreDisplayDrawsABarPerRunWithRunsAtOnceOnAnInteractiveConsole()
    {
        var console = new TestConsole().Interactive().Width(160);
        using (var display = new SpectreProgressDisplay(console))
        {
            IRunProgress first = display.StartRun("Exercise 2 [Adam]", 2);
            IRunProgress second = display.StartRun("Exercise 3", 2);
            first.ReportEpoch(new TrainingProgress(1, 2, 1, Statistics(1, ("error(train)", 2.5), ("error(valid)", 2.25))));
            second.ReportEpoch(new TrainingProgress(1, 2, 1, Statistics(1, ("error(train)", 4.75), ("acc(train)", 0.975), ("error(valid)", 4.5), ("acc(valid)", 0.9625))));
            display.WriteLine("a line while both run");
            first.Finish();
            second.Finish();
        }

        string output = console.Output;
        Assert.Contains("Exercise 2 [Adam]", output);   // markup characters in names are escaped, not interpreted
        Assert.Contains("Exercise 3", output);
        Assert.Contains("100%", output);
        Assert.Contains("valid 2.2500", output);          // each bar shows its own run's latest validation figures
        Assert.Contains("valid 4.5000 96.25%", output);
        Assert.Contains("a line while both run", output);
    }

    [Fact]
    public void SpectreProgressPrintsNothingWhenTheConsoleIsNotInteractive()
    {
        // Why redirected output gets the plain display: Spectre's live progress stays silent there.
        var console = new TestConsole();
        console.Profile.Capabilities.Interactive = false;
        using (var display = new SpectreProgressDisplay(console))
            TrainThreeEpochs(display);
        Assert.DoesNotContain("valid", console.Output);
    }

    [Fact]
    public void TheInteractiveFlagChoosesTheDisplay()
    {
        var writer = new StringWriter();
        using (IProgressDisplay spectre = ProgressDisplay.For(new AppConsole(writer, writer, new TestConsole(), Interactive: true)))
            Assert.IsType<SpectreProgressDisplay>(spectre);
        using IProgressDisplay plain = ProgressDisplay.For(new AppConsole(writer, writer, new TestConsole(), Interactive: false));
        Assert.IsType<PlainProgressDisplay>(plain);
    }
}
