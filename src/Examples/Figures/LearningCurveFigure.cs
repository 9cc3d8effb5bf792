using Mlp.Examples.Results;
using ScottPlot;

namespace Mlp.Examples.Figures;

/// <summary>
/// Learning curves as a PNG: per run, the error or accuracy per epoch on each data set its statistics hold (training
/// solid, validation dashed, further sets such as corrupted validation inputs densely dashed), with title, axis
/// labels and a legend. Several runs (e.g. pre-trained and random initialisation) share a figure, one colour per run;
/// a single run gets one colour per set. Horizontal reference lines (e.g. PCA's error, the optimum exercise 1
/// approaches) are dotted. Non-finite values (a diverged epoch) are left out of the lines. When the initial model's
/// figures (epoch 0) lie far outside those of the trained epochs, the vertical axis shows the trained epochs' range,
/// so that the approach to the end (e.g. exercise 1 to PCA's optimum) stays visible, and the axis label says so.
/// Several panels (error beside accuracy) can share one PNG, side by side.
/// </summary>
public static class LearningCurveFigure
{
    /// <summary>The default width in pixels of one panel.</summary>
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
        int width = DefaultWidth, int height = DefaultHeight, IReadOnlyList<ReferenceLine>? references = null) =>
        RenderPanelsPng(runs, [new CurvePanel(title, metric, yLabel, references)], width, height);

    /// <summary>Renders the curves and writes them atomically to <paramref name="path"/>.</summary>
    public static FigureSize Save(string path, string? title, IReadOnlyList<RunHistory> runs, CurveMetric metric, string? yLabel = null,
        int width = DefaultWidth, int height = DefaultHeight, IReadOnlyList<ReferenceLine>? references = null)
    {
        AtomicFile.WriteAllBytes(path, RenderPng(title, runs, metric, yLabel, width, height, references));
        return new FigureSize(width, height);
    }

    /// <summary>Renders one panel per entry of <paramref name="panels"/>, side by side, as PNG bytes of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <param name="runs">The runs, at least one, each with at least one epoch (and accuracies where a panel plots them).</param>
    /// <param name="panels">The panels, left to right; at least one.</param>
    /// <param name="width">The whole figure's width in pixels, at least 200 per panel.</param>
    /// <param name="height">The height in pixels, at least 150.</param>
    public static byte[] RenderPanelsPng(IReadOnlyList<RunHistory> runs, IReadOnlyList<CurvePanel> panels, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(panels);
        if (panels.Count == 0)
            throw new ArgumentException("A learning-curve figure needs at least one panel.", nameof(panels));
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 200 * panels.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 150);
        if (runs.Count == 0)
            throw new ArgumentException("A learning-curve figure needs at least one run.", nameof(runs));
        foreach (RunHistory run in runs)
        {
            if (run.Epochs.Count == 0)
                throw new ArgumentException($"Run '{run.Key}' has no epochs.", nameof(runs));
            if (panels.Any(p => p.Metric == CurveMetric.Accuracy) && !run.HasAccuracy)
                throw new ArgumentException($"Run '{run.Key}' has no accuracies to plot.", nameof(runs));
        }

        return ComposePanels(panels.Select(panel => (Func<Plot>)(() => Build(runs, panel))).ToList(), width, height);
    }

    /// <summary>Renders one plot per builder, side by side in equal columns, as PNG bytes of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    internal static byte[] ComposePanels(IReadOnlyList<Func<Plot>> panels, int width, int height)
    {
        lock (FigureStyle.Rendering)
            return Compose(panels, width, height);
    }

    private static byte[] Compose(IReadOnlyList<Func<Plot>> panels, int width, int height)
    {
        // Each panel rendered on a surface of its own (a plot clears the canvas it renders on), then copied into its column.
        int panelWidth = width / panels.Count;
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height));
        surface.Canvas.Clear(SkiaSharp.SKColors.White);
        for (int p = 0; p < panels.Count; p++)
        {
            int left = p * panelWidth, right = p == panels.Count - 1 ? width : left + panelWidth;
            using Plot plot = panels[p]();
            using var panelSurface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(right - left, height));
            plot.Render(panelSurface);
            using var panel = panelSurface.Snapshot();
            surface.Canvas.DrawImage(panel, left, 0);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Renders the panels side by side and writes them atomically to <paramref name="path"/>.</summary>
    public static FigureSize SavePanels(string path, IReadOnlyList<RunHistory> runs, IReadOnlyList<CurvePanel> panels, int width, int height = DefaultHeight)
    {
        AtomicFile.WriteAllBytes(path, RenderPanelsPng(runs, panels, width, height));
        return new FigureSize(width, height);
    }

    /// <summary>One panel's plot: the runs' curves of the panel's metric, with its reference lines.</summary>
    internal static Plot Build(IReadOnlyList<RunHistory> runs, CurvePanel panel)
    {
        var plot = new Plot();
        FigureStyle.Apply(plot, panel.Title);
        var palette = new ScottPlot.Palettes.Category10();
        int colours = 0;
        bool shared = runs.Count > 1;
        foreach (RunHistory run in runs)
        {
            string prefix = shared ? $"{run.Title}: " : "";
            Color runColour = palette.GetColor(colours);
            foreach (string set in run.Sets)
            {
                string key = panel.Metric == CurveMetric.Error ? StatisticKeys.Error(set) : StatisticKeys.Accuracy(set);
                if (!run.HasStatistic(key))
                    continue;
                Color colour = shared ? runColour : palette.GetColor(colours++);
                AddLine(plot, run, key, panel.Metric, colour, $"{prefix}{set.Replace('_', ' ')}", Pattern(set));
            }
            if (shared)
                colours++;
        }
        var lines = new List<(int Epoch, double Y)>();
        foreach (RunHistory run in runs)
            foreach (string set in run.Sets)
            {
                string key = panel.Metric == CurveMetric.Error ? StatisticKeys.Error(set) : StatisticKeys.Accuracy(set);
                if (run.HasStatistic(key))
                    lines.AddRange(run.Epochs.Select(e => (e.Epoch, Scale(panel.Metric) * e[key])).Where(p => double.IsFinite(p.Item2)));
            }
        var referenceValues = new List<double>();
        foreach (ReferenceLine reference in panel.References ?? [])
        {
            double value = Scale(panel.Metric) * reference.Value;
            referenceValues.Add(value);
            var line = plot.Add.HorizontalLine(value, 2, palette.GetColor(colours++), LinePattern.Dotted);
            line.LegendText = reference.Label;
        }
        int lastEpoch = runs.Max(r => r.Epochs.Max(e => e.Epoch)), firstEpoch = runs.Min(r => r.Epochs.Min(e => e.Epoch));
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(firstEpoch - 0.5, Math.Max(lastEpoch, firstEpoch + 1) + 0.5);
        string xLabel = "epoch";
        if (TrainedRange(lines, referenceValues) is var (bottom, top))
        {
            plot.Axes.SetLimitsY(bottom, top);
            xLabel = panel.Metric == CurveMetric.Error ? "epoch (epoch 0, before training, is above the axis)" : "epoch (epoch 0, before training, is below the axis)";
        }
        plot.XLabel(xLabel);
        plot.YLabel(panel.YLabel ?? (panel.Metric == CurveMetric.Error ? "error" : "accuracy (%)"));
        plot.ShowLegend(panel.Metric == CurveMetric.Error ? Alignment.UpperRight : Alignment.LowerRight);
        return plot;
    }

    private static double Scale(CurveMetric metric) => metric == CurveMetric.Accuracy ? 100 : 1;

    /// <summary>
    /// The vertical range of the trained epochs' points (and the reference lines), padded by 8% of its height, when a
    /// point of epoch 0 lies further outside it than the range is tall; null when everything fits comfortably, or when
    /// fewer than two epochs were trained.
    /// </summary>
    internal static (double Bottom, double Top)? TrainedRange(IReadOnlyList<(int Epoch, double Y)> points, IReadOnlyList<double> references)
    {
        var trained = points.Where(p => p.Epoch > 0).ToList();
        if (trained.Select(p => p.Epoch).Distinct().Count() < 2)
            return null;
        var values = trained.Select(p => p.Y).Concat(references).ToList();
        double low = values.Min(), high = values.Max(), span = Math.Max(high - low, 1e-6 * Math.Max(1, Math.Abs(high)));
        bool farOutside = points.Any(p => p.Epoch == 0 && (p.Y > high + span || p.Y < low - span));
        return farOutside ? (low - 0.08 * span, high + 0.08 * span) : null;
    }

    private static LinePattern Pattern(string set) => set switch
    {
        SetResult.Train => LinePattern.Solid,
        SetResult.Valid => LinePattern.Dashed,
        _ => LinePattern.DenselyDashed,
    };

    private static void AddLine(Plot plot, RunHistory run, string key, CurveMetric metric, Color colour, string legend, LinePattern pattern)
    {
        double scale = Scale(metric);
        var points = run.Epochs
            .Select(e => (X: (double)e.Epoch, Y: scale * e[key]))
            .Where(p => double.IsFinite(p.Y))
            .ToList();
        var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), colour);
        line.LegendText = legend;
        line.LineWidth = 2;
        line.MarkerSize = run.Epochs.Count <= 30 ? 4 : 0;
        line.LinePattern = pattern;
    }
}
