using Mlp.Examples.Analysis;
using Mlp.Examples.Results;
using ScottPlot;

namespace Mlp.Examples.Figures;

/// <summary>
/// Exercise 1 against PCA, epoch by epoch: the linear autoencoder's error curves with PCA's error (left) beside the
/// principal angles between its code's subspaces and the components' (right: largest solid, mean dashed, for the codes
/// the encoder computes on the data, the decoder's columns and the raw encoder rows), so the subspace can be seen
/// converging while the error does.
/// </summary>
public static class SubspaceAngleFigure
{
    /// <summary>The figure's width: two learning-curve panels.</summary>
    public const int Width = 2 * LearningCurveFigure.DefaultWidth;

    /// <summary>The figure's height.</summary>
    public const int Height = LearningCurveFigure.DefaultHeight;

    /// <summary>Renders the two panels as PNG bytes.</summary>
    /// <param name="run">Exercise 1's run.</param>
    /// <param name="errors">The left panel: its title, label and PCA's reference lines.</param>
    /// <param name="comparison">The angles per epoch.</param>
    public static byte[] RenderPng(RunHistory run, CurvePanel errors, SubspaceComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(comparison);
        return LearningCurveFigure.ComposePanels([() => LearningCurveFigure.Build([run], errors), () => Angles(comparison)], Width, Height);
    }

    /// <summary>Renders the figure and writes it atomically to <paramref name="path"/>.</summary>
    public static FigureSize Save(string path, RunHistory run, CurvePanel errors, SubspaceComparison comparison)
    {
        AtomicFile.WriteAllBytes(path, RenderPng(run, errors, comparison));
        return new FigureSize(Width, Height);
    }

    private static Plot Angles(SubspaceComparison comparison)
    {
        var plot = new Plot();
        FigureStyle.Apply(plot, $"Principal angles to the top {comparison.Components} components");
        var palette = new ScottPlot.Palettes.Category10();
        double[] epochs = comparison.ByEpoch.Select(e => (double)e.Epoch).ToArray();
        void Line(string legend, Func<EpochAngles, double> value, int colour, LinePattern pattern)
        {
            var line = plot.Add.ScatterLine(epochs, comparison.ByEpoch.Select(value).ToArray(), palette.GetColor(colour));
            line.LegendText = legend;
            line.LineWidth = 2;
            line.MarkerSize = epochs.Length <= 30 ? 4 : 0;
            line.LinePattern = pattern;
        }
        Line("codes, largest", e => e.Codes.Largest, 0, LinePattern.Solid);
        Line("codes, mean", e => e.Codes.Mean, 0, LinePattern.Dashed);
        Line("decoder, largest", e => e.Decoder.Largest, 1, LinePattern.Solid);
        Line("decoder, mean", e => e.Decoder.Mean, 1, LinePattern.Dashed);
        Line("encoder rows, largest", e => e.Encoder.Largest, 2, LinePattern.Solid);
        Line("encoder rows, mean", e => e.Encoder.Mean, 2, LinePattern.Dashed);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(epochs[0] - 0.5, Math.Max(epochs[^1], epochs[0] + 1) + 0.5);
        plot.Axes.SetLimitsY(0, 90);
        plot.XLabel("epoch");
        plot.YLabel("principal angle (degrees)");
        plot.ShowLegend(Edge.Right);   // outside the data area: the curves fill it from 0° to 90°
        return plot;
    }
}
