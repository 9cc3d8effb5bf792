using Mlp.Examples.Progress;
using Mlp.Training;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Mlp.Examples.Tests.Progress;

public class ProgressDisplayTests
{
    private static void TrainTwoEpochs(IProgressDisplay display, string name = "Exercise 1: linear autoencoder")
    {
        display.StartRun(name, 3);
        display.ReportEpoch(new TrainingProgress(1, 3, 1.5, Statistics(1, ("error(train)", 5.0), ("error(valid)", 5.25), ("error(valid_noisy)", 6.5))));
        display.ReportEpoch(new TrainingProgress(2, 3, 1.25, null));
        display.ReportEpoch(new TrainingProgress(3, 3, 2.5, Statistics(3, ("error(train)", 4.75), ("acc(train)", 0.975), ("error(valid)", 4.5), ("acc(valid)", 0.9625))));
        display.FinishRun();
    }

    private static EpochStatistics Statistics(int epoch, params (string Key, double Value)[] values) =>
        new(epoch, values.ToDictionary(v => v.Key, v => v.Value));

    [Fact]
    public void Plain_display_logs_one_line_per_epoch()
    {
        var output = new StringWriter();
        TrainTwoEpochs(new PlainProgressDisplay(output));
        string[] lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(5, lines.Length);
        Assert.Equal("Exercise 1: linear autoencoder: 3 epochs", lines[0]);
        Assert.Equal("Exercise 1: linear autoencoder: epoch 1/3: train error 5.0000, valid error 5.2500, valid noisy error 6.5000, 1.50 s", lines[1]);
        Assert.Equal("Exercise 1: linear autoencoder: epoch 2/3: 1.25 s", lines[2]);
        Assert.Equal("Exercise 1: linear autoencoder: epoch 3/3: train error 4.7500, valid error 4.5000, train acc 97.50%, valid acc 96.25%, 2.50 s", lines[3]);
        Assert.Matches(@"^Exercise 1: linear autoencoder: done in \d+\.\d s$", lines[4]);
    }

    [Fact]
    public void Displays_refuse_misuse()
    {
        foreach (IProgressDisplay display in new IProgressDisplay[] { new PlainProgressDisplay(new StringWriter()), new SpectreProgressDisplay(new TestConsole().Interactive()) })
        {
            Assert.Throws<InvalidOperationException>(() => display.ReportEpoch(new TrainingProgress(1, 1, 1, null)));
            Assert.Throws<InvalidOperationException>(display.FinishRun);
            Assert.Throws<ArgumentOutOfRangeException>("epochs", () => display.StartRun("run", 0));
            display.StartRun("run", 1);
            Assert.Throws<InvalidOperationException>(() => display.StartRun("another", 1));
            display.FinishRun();
        }
    }

    [Fact]
    public void Spectre_display_draws_a_bar_per_run_on_an_interactive_console()
    {
        var console = new TestConsole().Interactive().Width(160);
        var display = new SpectreProgressDisplay(console);
        TrainTwoEpochs(display, "Exercise 2 [Adam]");
        TrainTwoEpochs(display, "Exercise 3");

        string output = console.Output;
        Assert.Contains("Exercise 2 [Adam]", output);   // markup characters in names are escaped, not interpreted
        Assert.Contains("Exercise 3", output);
        Assert.Contains("100%", output);
        Assert.Contains("valid 4.5000 96.25%", output);   // the latest epoch's validation figures
    }

    [Fact]
    public void Spectre_progress_prints_nothing_when_the_console_is_not_interactive()
    {
        // Why redirected output gets the plain display: Spectre's live progress stays silent there.
        var console = new TestConsole();
        console.Profile.Capabilities.Interactive = false;
        TrainTwoEpochs(new SpectreProgressDisplay(console));
        Assert.DoesNotContain("valid", console.Output);
    }

    [Fact]
    public void The_interactive_flag_chooses_the_display()
    {
        var writer = new StringWriter();
        var ansi = new TestConsole();
        Assert.IsType<SpectreProgressDisplay>(ProgressDisplay.For(new AppConsole(writer, writer, ansi, Interactive: true)));
        Assert.IsType<PlainProgressDisplay>(ProgressDisplay.For(new AppConsole(writer, writer, ansi, Interactive: false)));
    }
}
