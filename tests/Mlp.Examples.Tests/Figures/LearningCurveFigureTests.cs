using Mlp.Examples.Figures;
using Mlp.Examples.Results;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Figures;

public class LearningCurveFigureTests
{
    private static RunHistory Run(string key, string title, bool accuracy, int epochs = 10, double offset = 0) => new(key, title,
        Enumerable.Range(0, epochs + 1).Select(e => new EpochStatistics(
            e, 5 * Math.Exp(-e / 4.0) + 1 + offset, 5 * Math.Exp(-e / 4.0) + 1.2 + offset,
            accuracy ? 0.9 + 0.009 * e : null, accuracy ? 0.88 + 0.008 * e : null, e == 0 ? 0 : 1.5)).ToList());

    [Fact]
    public void Writes_a_png_of_the_requested_size()
    {
        using var folder = new TempFolder();
        string path = folder.File("curves.png");
        FigureSize size = LearningCurveFigure.Save(path, "Exercise 1: linear autoencoder", [Run("ex1", "linear", false)], CurveMetric.Error, "error (sum of squared differences)");
        Assert.Equal((800, 500), Png.Dimensions(File.ReadAllBytes(path)));
        Assert.Equal(new FigureSize(800, 500), size);

        byte[] small = LearningCurveFigure.RenderPng(null, [Run("ex1", "linear", false)], CurveMetric.Error, width: 640, height: 360);
        Assert.Equal((640, 360), Png.Dimensions(small));
    }

    [Fact]
    public void Renders_the_title_and_the_axis_labels_as_text()
    {
        RunHistory[] runs = [Run("ex1", "linear", false)];
        byte[] titled = LearningCurveFigure.RenderPng("Learning curves", runs, CurveMetric.Error);
        byte[] untitled = LearningCurveFigure.RenderPng(null, runs, CurveMetric.Error);
        byte[] relabelled = LearningCurveFigure.RenderPng(null, runs, CurveMetric.Error, yLabel: "something else");
        Assert.True(Png.DifferentPixels(titled, untitled) > 100, "the title draws no text");
        Assert.True(Png.DifferentPixels(untitled, relabelled) > 50, "the axis label draws no text");
    }

    [Fact]
    public void Several_runs_share_a_figure_and_accuracy_can_be_plotted()
    {
        RunHistory[] runs = [Run("ex4_pretrained", "pre-trained", true), Run("ex4_random", "random init", true, offset: 0.3)];
        byte[] both = LearningCurveFigure.RenderPng("Exercise 4: accuracy", runs, CurveMetric.Accuracy);
        byte[] one = LearningCurveFigure.RenderPng("Exercise 4: accuracy", runs[..1], CurveMetric.Accuracy);
        Assert.Equal((800, 500), Png.Dimensions(both));
        Assert.True(Png.DifferentPixels(both, one) > 100, "the second run draws nothing");
    }

    [Fact]
    public void Draws_reference_lines_with_their_legend()
    {
        RunHistory[] runs = [Run("ex1", "linear", false)];
        byte[] plain = LearningCurveFigure.RenderPng(null, runs, CurveMetric.Error);
        byte[] referenced = LearningCurveFigure.RenderPng(null, runs, CurveMetric.Error, references: [new ReferenceLine("PCA, train", 1.5)]);
        Assert.True(Png.DifferentPixels(plain, referenced) > 200, "the reference line draws nothing");
    }

    [Fact]
    public void Leaves_diverged_epochs_out_instead_of_failing()
    {
        var run = Run("ex1", "linear", false);
        var diverged = run with { Epochs = [.. run.Epochs, new EpochStatistics(11, double.NaN, double.PositiveInfinity, Seconds: 1)] };
        Assert.Equal((800, 500), Png.Dimensions(LearningCurveFigure.RenderPng(null, [diverged], CurveMetric.Error)));
    }

    [Fact]
    public void Rejects_runs_without_what_it_plots()
    {
        Assert.Throws<ArgumentException>("runs", () => LearningCurveFigure.RenderPng(null, [], CurveMetric.Error));
        Assert.Throws<ArgumentException>("runs", () => LearningCurveFigure.RenderPng(null, [new RunHistory("x", "x", [])], CurveMetric.Error));
        Assert.Throws<ArgumentException>("runs", () => LearningCurveFigure.RenderPng(null, [Run("ex1", "linear", false)], CurveMetric.Accuracy));
        Assert.Throws<ArgumentOutOfRangeException>("width", () => LearningCurveFigure.RenderPng(null, [Run("ex1", "linear", false)], CurveMetric.Error, width: 10));
    }
}
