using Spectre.Console.Testing;
using Mlp.Examples.Output;
using Mlp.Examples.Results;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Output;

public class ResultsTableTests
{
    [Fact]
    public void FinalAndBestFiguresComeFromTheRunsEpochs()
    {
        ExerciseResult ex1 = SampleResults.Results[0];
        Assert.Equal(new SetResult("train", 4.75, null, 4.75, null), ex1.Sets[0]);
        Assert.Equal(new SetResult("valid", 4.5, null, 4.5, null), ex1.Sets[1]);
        Assert.Equal(2.0, ex1.SecondsPerEpoch);   // epochs 1 and 2; epoch 0 is not training

        ExerciseResult ex4 = SampleResults.Results[2];
        Assert.Equal(new SetResult("valid", 0.18, 0.965, 0.15, 0.97), ex4.Sets[1]);
        Assert.Equal(new SetResult("train", 0.1, 0.975, 0.1, 0.975), ex4.Sets[0]);
        Assert.Equal("valid_masked", ex4.Sets[2].Set);
    }

    [Fact]
    public void EverySetTheStatisticsHoldBecomesAColumnInTheirOrder()
    {
        var run = Runs.Make("ex3", "denoising", ["error(train)", "error(valid)", "error(valid_noisy)"], [[9, 8, 7], [3, 2, 4], [2, 2.5, 3]], [1, 1]);
        Assert.Equal(["train", "valid", "valid_noisy"], run.Sets);
        ExerciseResult result = ExerciseResult.FromRun(run, "Exercise 3", 2);
        Assert.Equal(new SetResult("valid_noisy", 3, null, 3, null), result.Sets[2]);
        Assert.Equal(1.0, result.SecondsPerEpoch);
        Assert.Equal(["exercise", "train error", "valid error", "valid noisy error", "s/epoch", "seconds"], ResultsTable.Build([result]).Headers);
    }

    [Fact]
    public void ADivergedEpochIsNeverTheBest()
    {
        var run = Runs.Classifier("x", "x", [(3, 0.5, 3, 0.5), (double.NaN, double.NaN, double.NaN, double.NaN)], 1);
        ExerciseResult result = ExerciseResult.FromRun(run, "x", 1);
        Assert.Equal(3, result.Sets[0].BestError);
        Assert.Equal(0.5, result.Sets[1].BestAccuracy);
        Assert.True(double.IsNaN(result.Sets[0].Error));
        Assert.Throws<ArgumentException>("run", () => ExerciseResult.FromRun(Runs.Autoencoder("empty", "e", []), "e", 0));
    }

    [Fact]
    public void HasAnErrorColumnPerSetAndAccuracyColumnsOnlyWhereThereAreAccuracies()
    {
        var table = ResultsTable.Build(SampleResults.Results);
        Assert.Equal(
            ["exercise", "train error", "valid error", "valid masked error", "train acc", "valid acc", "best valid acc", "s/epoch", "seconds"],
            table.Headers);
        Assert.Equal(["Exercise 1: linear autoencoder", "4.7500", "4.5000", "—", "—", "—", "—", "2.00", "4.50"], table.Rows[0]);
        Assert.Equal(["PCA, 50 components", "4.5906", "4.5779", "—", "—", "—", "—", "—", "2.50"], table.Rows[1]);
        Assert.Equal(["Exercise 4: pre-trained | fine-tuned", "0.1000", "0.1800", "NaN", "97.50%", "96.50%", "97.00%", "2.00", "5.00"], table.Rows[2]);

        var autoencoders = ResultsTable.Build(SampleResults.Results.Take(2).ToList());
        Assert.Equal(["exercise", "train error", "valid error", "s/epoch", "seconds"], autoencoders.Headers);
    }

    [Fact]
    public void PlainTextAlignsEveryColumn()
    {
        string text = ResultsTableText.Plain(ResultsTable.Build(SampleResults.Results.Take(2).ToList()));
        string[] lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(
        [
            "exercise                        train error  valid error  s/epoch  seconds",
            "------------------------------  -----------  -----------  -------  -------",
            "Exercise 1: linear autoencoder       4.7500       4.5000     2.00     4.50",
            "PCA, 50 components                   4.5906       4.5779        —     2.50",
        ], lines);
    }

    [Fact]
    public void MarkdownRightAlignsNumbersAndEscapesPipes()
    {
        string markdown = ResultsTableText.Markdown(ResultsTable.Build(SampleResults.Results));
        string[] lines = markdown.TrimEnd('\n').Split('\n');
        Assert.Equal("|---|---:|---:|---:|---:|---:|---:|---:|---:|", lines[1]);
        Assert.Equal("| Exercise 4: pre-trained \\| fine-tuned | 0.1000 | 0.1800 | NaN | 97.50% | 96.50% | 97.00% | 2.00 | 5.00 |", lines[4]);
    }

    [Fact]
    public void ANarrowTerminalGetsAnErrorTableAndAnAccuracyTableWithEveryFigureWhole()
    {
        var ansi = new TestConsole().Width(80);
        var console = new AppConsole(new StringWriter(), new StringWriter(), ansi, Interactive: true);
        ResultsTablePrinter.Print(ResultsTable.Build(SampleResults.Results), console);

        string[] lines = ansi.Output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"'{line}' is wider than the terminal"));
        foreach (string figure in new[] { "4.7500", "4.5906", "4.5779", "0.1800", "97.50%", "96.50%", "97.00%", "2.00" })
            Assert.Contains(figure, ansi.Output);
        Assert.Equal(2, lines.Count(l => l.Contains("Results")));

        var parts = ResultsTable.Build(SampleResults.Results).SplitErrorsAndAccuracies();
        Assert.Equal(["exercise", "train error", "valid error", "valid masked error", "s/epoch", "seconds"], parts[0].Headers);
        Assert.Equal(3, parts[0].Rows.Count);
        Assert.Equal(["exercise", "train acc", "valid acc", "best valid acc"], parts[1].Headers);
        Assert.Equal([["Exercise 4: pre-trained | fine-tuned", "97.50%", "96.50%", "97.00%"]], parts[1].Rows);
    }

    [Fact]
    public void TheSpectreTableHoldsTheSameCells()
    {
        var console = new TestConsole().Width(200);
        console.Write(ResultsTablePrinter.ToSpectre(ResultsTable.Build(SampleResults.Results)));
        Assert.Contains("Exercise 1: linear autoencoder", console.Output);
        Assert.Contains("97.50%", console.Output);
        Assert.Contains("best valid acc", console.Output);
    }
}
