using Mlp.Examples.Figures;
using Mlp.Examples.Results;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Figures;

public class LearningCurveFigureTests
{
    private static RunHistory Run(string key, string title, bool accuracy, int epochs = 10, double offset = 0)
    {
        double Error(int e, double shift) => 5 * Math.Exp(-e / 4.0) + shift + offset;
        var seconds = Enumerable.Repeat(1.5, epochs).ToArray();
        return accuracy
            ? Runs.Classifier(key, title, Enumerable.Range(0, epochs + 1).Select(e => (Error(e, 1), 0.9 + 0.009 * e, Error(e, 1.2), 0.88 + 0.008 * e)).ToArray(), seconds)
            : Runs.Autoencoder(key, title, Enumerable.Range(0, epochs + 1).Select(e => (Error(e, 1), Error(e, 1.2))).ToArray(), seconds);
    }

    [Fact]
    public void WritesAPngOfTheRequestedSize()
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
    public void RendersTheTitleAndTheAxisLabelsAsText()
    {
        RunHistory[] runs = [Run("ex1", "linear", false)];
        byte[] titled = LearningCurveFigure.RenderPng("Learning curves", runs, CurveMetric.Error);
        byte[] untitled = LearningCurveFigure.RenderPng(null, runs, CurveMetric.Error);
        byte[] relabelled = LearningCurveFigure.RenderPng(null, runs, CurveMetric.Error, yLabel: "something else");
        Assert.True(Png.DifferentPixels(titled, untitled) > 100, "the title draws no text");
        Assert.True(Png.DifferentPixels(untitled, relabelled) > 50, "the axis label draws no text");
    }

    [Fact]
    public void SeveralRunsShareAFigureAndAccuracyCanBePlotted()
    {
        RunHistory[] runs = [Run("ex4_pretrained", "pre-trained", true), Run("ex4_random", "random init", true, offset: 0.3)];
        byte[] both = LearningCurveFigure.RenderPng("Exercise 4: accuracy", runs, CurveMetric.Accuracy);
        byte[] one = LearningCurveFigure.RenderPng("Exercise 4: accuracy", runs[..1], CurveMetric.Accuracy);
        Assert.Equal((800, 500), Png.Dimensions(both));
        Assert.True(Png.DifferentPixels(both, one) > 100, "the second run draws nothing");
    }

    [Fact]
    public void DrawsAFurtherSetSuchAsCorruptedValidationInputs()
    {
        RunHistory plain = Run("ex3", "denoising", false);
        RunHistory noisy = Runs.Make("ex3", "denoising", ["error(train)", "error(valid)", "error(valid_noisy)"],
            plain.Epochs.Select(e => new[] { e["error(train)"], e["error(valid)"], e["error(valid)"] + 1 }).ToArray(), [.. plain.Statistics.EpochSeconds]);
        Assert.True(Png.DifferentPixels(LearningCurveFigure.RenderPng(null, [plain], CurveMetric.Error), LearningCurveFigure.RenderPng(null, [noisy], CurveMetric.Error)) > 200,
            "the further set draws nothing");
    }

    [Fact]
    public void PanelsSideBySideEachDrawTheirOwnCurves()
    {
        RunHistory[] runs = [Run("ex4_pretrained", "pre-trained", true), Run("ex4_random", "random init", true, offset: 0.3)];
        CurvePanel error = new("error", CurveMetric.Error), accuracy = new("accuracy", CurveMetric.Accuracy);
        byte[] both = LearningCurveFigure.RenderPanelsPng(runs, [error, accuracy], 1600, 500);
        Assert.Equal((1600, 500), Png.Dimensions(both));

        // Each half of the two-panel figure is the single panel drawn at half the width.
        using var figure = Png.Decode(both);
        using var left = Png.Decode(LearningCurveFigure.RenderPanelsPng(runs, [error], 800, 500));
        using var right = Png.Decode(LearningCurveFigure.RenderPanelsPng(runs, [accuracy], 800, 500));
        int leftDifferences = 0, rightDifferences = 0;
        for (int y = 0; y < 500; y++)
            for (int x = 0; x < 800; x++)
            {
                leftDifferences += figure.GetPixel(x, y) == left.GetPixel(x, y) ? 0 : 1;
                rightDifferences += figure.GetPixel(800 + x, y) == right.GetPixel(x, y) ? 0 : 1;
            }
        Assert.Equal(0, leftDifferences);
        Assert.Equal(0, rightDifferences);
        Assert.Throws<ArgumentOutOfRangeException>("width", () => LearningCurveFigure.RenderPanelsPng(runs, [error, accuracy], 300, 500));
        Assert.Throws<ArgumentException>("panels", () => LearningCurveFigure.RenderPanelsPng(runs, [], 800, 500));
    }

    [Fact]
    public void TheAxisShowsTheTrainedEpochsWhenEpoch0IsFarOutsideThem()
    {
        // Exercise 1: 51.8 before training, then 7.6 down to 4.61 with PCA's 4.59 below: the axis spans 4.59 to 7.6, padded by 8%.
        (int, double)[] points = [(0, 51.8), (1, 7.6), (2, 5.0), (3, 4.61)];
        var range = LearningCurveFigure.TrainedRange(points, [4.59]);
        Assert.NotNull(range);
        Assert.Equal(4.59 - 0.08 * 3.01, range.Value.Bottom, 1e-12);
        Assert.Equal(7.6 + 0.08 * 3.01, range.Value.Top, 1e-12);

        Assert.Null(LearningCurveFigure.TrainedRange([(0, 9.0), (1, 7.6), (2, 4.61)], []));   // 9 is within a span of 7.6
        Assert.Null(LearningCurveFigure.TrainedRange([(0, 51.8), (1, 7.6)], []));            // one trained epoch: show everything
        Assert.NotNull(LearningCurveFigure.TrainedRange([(0, 10.0), (1, 95.0), (2, 97.0)], []));   // accuracy: epoch 0 far below
    }

    [Fact]
    public void DrawsReferenceLinesWithTheirLegend()
    {
        RunHistory[] runs = [Run("ex1", "linear", false)];
        byte[] plain = LearningCurveFigure.RenderPng(null, runs, CurveMetric.Error);
        byte[] referenced = LearningCurveFigure.RenderPng(null, runs, CurveMetric.Error, references: [new ReferenceLine("PCA, train", 1.5)]);
        Assert.True(Png.DifferentPixels(plain, referenced) > 200, "the reference line draws nothing");
    }

    [Fact]
    public void LeavesDivergedEpochsOutInsteadOfFailing()
    {
        var diverged = Runs.Autoencoder("ex1", "linear", [(3, 3), (2, 2), (double.NaN, double.PositiveInfinity)], 1, 1);
        Assert.Equal((800, 500), Png.Dimensions(LearningCurveFigure.RenderPng(null, [diverged], CurveMetric.Error)));
    }

    [Fact]
    public void RejectsRunsWithoutWhatItPlots()
    {
        Assert.Throws<ArgumentException>("runs", () => LearningCurveFigure.RenderPng(null, [], CurveMetric.Error));
        Assert.Throws<ArgumentException>("runs", () => LearningCurveFigure.RenderPng(null, [Runs.Autoencoder("x", "x", [])], CurveMetric.Error));
        Assert.Throws<ArgumentException>("runs", () => LearningCurveFigure.RenderPng(null, [Run("ex1", "linear", false)], CurveMetric.Accuracy));
        Assert.Throws<ArgumentOutOfRangeException>("width", () => LearningCurveFigure.RenderPng(null, [Run("ex1", "linear", false)], CurveMetric.Error, width: 10));
    }
}
