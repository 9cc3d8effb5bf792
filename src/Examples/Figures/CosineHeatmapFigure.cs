using Mlp.Examples.Analysis;
using ScottPlot;

namespace Mlp.Examples.Figures;

/// <summary>
/// The absolute cosines (or correlations) between a model's hidden units and the principal components as a heatmap (0 dark, 1 bright,
/// with a colour bar): components left to right by decreasing variance, units top to bottom ordered by their
/// best-matched component. Units that are the components show as one bright cell per row on a diagonal; units that
/// mix components show as rows of dimmer cells spread over them.
/// </summary>
public static class CosineHeatmapFigure
{
    /// <summary>The figure's width in pixels.</summary>
    public const int Width = 760;

    /// <summary>The figure's height in pixels.</summary>
    public const int Height = 640;

    /// <summary>Renders the heatmap as PNG bytes.</summary>
    public static byte[] RenderPng(string? title, UnitCosines cosines)
    {
        ArgumentNullException.ThrowIfNull(cosines);
        IReadOnlyList<int> best = cosines.BestComponent;
        IReadOnlyList<double> bestCosine = cosines.BestMatch;
        int[] order = Enumerable.Range(0, cosines.Units).OrderBy(u => best[u]).ThenByDescending(u => bestCosine[u]).ToArray();
        var cells = new double[cosines.Units, cosines.Components];
        for (int r = 0; r < cosines.Units; r++)
            for (int c = 0; c < cosines.Components; c++)
                cells[r, c] = cosines[order[r], c];

        lock (FigureStyle.Rendering)
            return Render(title, cells);
    }

    private static byte[] Render(string? title, double[,] cells)
    {
        int units = cells.GetLength(0), components = cells.GetLength(1);
        using var plot = new Plot();
        FigureStyle.Apply(plot, title);
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        heatmap.Extent = new CoordinateRect(0.5, components + 0.5, 0.5, units + 0.5);
        plot.Add.ColorBar(heatmap);
        plot.Axes.SetLimits(0.5, components + 0.5, 0.5, units + 0.5);
        plot.XLabel("principal component (by decreasing variance)");
        plot.YLabel("hidden unit (ordered by best-matched component)");
        plot.Axes.Left.TickLabelStyle.IsVisible = false;
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Renders the heatmap and writes it atomically to <paramref name="path"/>.</summary>
    public static FigureSize Save(string path, string? title, UnitCosines cosines)
    {
        AtomicFile.WriteAllBytes(path, RenderPng(title, cosines));
        return new FigureSize(Width, Height);
    }
}
