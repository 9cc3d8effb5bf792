using Mlp.Examples.Results;
using ScottPlot;

namespace Mlp.Examples.Figures;

/// <summary>
/// Learning curves as a PNG: per run, the training (solid) and validation (dashed) error or accuracy per epoch, with
/// title, axis labels and a legend. Several runs (e.g. pre-trained and random initialisation) share a figure, one
/// colour per run; a single run gets one colour per set. Horizontal reference lines (e.g. PCA's error, the optimum
/// exercise 1 approaches) are dotted. Non-finite values (a diverged epoch) are left out of the lines.
/// </summary>
public static class LearningCurveFigure
{
    /// <summary>The default width in pixels.</summary>
    public const int DefaultWidth = 800;

    /// <summary>The default height in pixels.</summary>
    public const int DefaultHeight = 500;

    /// <summary>Renders the curves as PNG bytes of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <param name="title">The figure's title; none when null or empty.</param>
    /// <param name="runs">The runs, at least one, each with at least one epoch (and accuracies when <paramref name="metric"/> is accuracy).</param>
    /// <param name="metric">What to plot.</param>
    /// <param name="yLabel">The vertical axis's label, e.g. <c>error (sum of squared differences)</c>; by default the metric's name.</param>
    /// <param name="width">The width in pixels, at least 200.</param>
    /// <param name="height">The height in pixels, at least 150.</param>
    /// <param name="references">Horizontal lines to draw across the curves; none when null.</param>
    public static byte[] RenderPng(string? title, IReadOnlyList<RunHistory> runs, CurveMetric metric, string? yLabel = null,
        int width = DefaultWidth, int height = DefaultHeight, IReadOnlyList<ReferenceLine>? references = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
        if (runs.Count == 0)
            throw new ArgumentException("A learning-curve figure needs at least one run.", nameof(runs));
        foreach (RunHistory run in runs)
        {
            if (run.Epochs.Count == 0)
                throw new ArgumentException($"Run '{run.Key}' has no epochs.", nameof(runs));
            if (metric == CurveMetric.Accuracy && !run.HasAccuracy)
                throw new ArgumentException($"Run '{run.Key}' has no accuracies to plot.", nameof(runs));
        }

        using var plot = new Plot();
        FigureStyle.Apply(plot, title);
        var palette = new ScottPlot.Palettes.Category10();
        int colours = 0;
        for (int r = 0; r < runs.Count; r++)
        {
            RunHistory run = runs[r];
            bool shared = runs.Count > 1;
            string prefix = shared ? $"{run.Title}: " : "";
            Color trainColour = palette.GetColor(colours++);
            Color validColour = shared ? trainColour : palette.GetColor(colours++);
            AddLine(plot, run, metric, train: true, trainColour, $"{prefix}train");
            AddLine(plot, run, metric, train: false, validColour, $"{prefix}valid");
        }
        foreach (ReferenceLine reference in references ?? [])
        {
            var line = plot.Add.HorizontalLine(metric == CurveMetric.Accuracy ? 100 * reference.Value : reference.Value, 2, palette.GetColor(colours++), LinePattern.Dotted);
            line.LegendText = reference.Label;
        }
        int lastEpoch = runs.Max(r => r.Epochs.Max(e => e.Epoch)), firstEpoch = runs.Min(r => r.Epochs.Min(e => e.Epoch));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(firstEpoch - 0.5, Math.Max(lastEpoch, firstEpoch + 1) + 0.5);
        plot.XLabel("epoch");
        plot.YLabel(yLabel ?? (metric == CurveMetric.Error ? "error" : "accuracy (%)"));
        plot.ShowLegend(metric == CurveMetric.Error ? Alignment.UpperRight : Alignment.LowerRight);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>Renders the curves and writes them atomically to <paramref name="path"/>.</summary>
    public static FigureSize Save(string path, string? title, IReadOnlyList<RunHistory> runs, CurveMetric metric, string? yLabel = null,
        int width = DefaultWidth, int height = DefaultHeight, IReadOnlyList<ReferenceLine>? references = null)
    {
        AtomicFile.WriteAllBytes(path, RenderPng(title, runs, metric, yLabel, width, height, references));
        return new FigureSize(width, height);
    }

    private static void AddLine(Plot plot, RunHistory run, CurveMetric metric, bool train, Color colour, string legend)
    {
        var points = run.Epochs
            .Select(e => (X: (double)e.Epoch, Y: Value(e, metric, train)))
            .Where(p => double.IsFinite(p.Y))
            .ToList();
        var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), colour);
        line.LegendText = legend;
        line.LineWidth = 2;
        line.MarkerSize = run.Epochs.Count <= 30 ? 4 : 0;
        line.LinePattern = train ? LinePattern.Solid : LinePattern.Dashed;
    }

    private static double Value(EpochStatistics e, CurveMetric metric, bool train) => metric switch
    {
        CurveMetric.Error => train ? e.TrainError : e.ValidError,
        _ => 100 * (train ? e.TrainAccuracy!.Value : e.ValidAccuracy!.Value),
    };
}
