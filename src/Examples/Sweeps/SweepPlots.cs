using System.Globalization;
using Mlp.Examples.Figures;
using Mlp.Sweeps;
using ScottPlot;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// The sweep's figures: for each swept parameter, every completed trial's final validation error against the
/// parameter's value (a point per trial, a line through the means per value; a log axis where the values span orders of
/// magnitude, categories for names); and for a sweep of exactly two parameters, a heatmap of the mean error over the
/// grid, each cell labelled with its value. Diverged trials have no error to plot; the report lists them.
/// </summary>
public static class SweepPlots
{
    private const int Width = 800, Height = 500;

    // Beyond this many distinct values, tick labels would overlap.
    private const int MaxLabelledValues = 8;

    /// <summary>Writes the figures into <paramref name="folder"/>; returns each one's caption and file name.</summary>
    public static IReadOnlyList<(string Caption, string File)> Save(SweepTable table, string folder)
    {
        ArgumentNullException.ThrowIfNull(table);
        var completed = table.Results.Where(r => r.FinalValidError is not null).ToList();
        var figures = new List<(string, string)>();
        if (completed.Count == 0)
            return figures;
        string key = completed[0].RankingKey;
        foreach (SweepParameter parameter in table.Swept)
        {
            if (completed.Select(r => parameter.Format(r.Settings)).Distinct().Count() < 2)
                continue;
            string file = $"sweep-{parameter.Name}.png";
            AtomicFile.WriteAllBytes(Path.Combine(folder, file), Against(parameter, completed, key));
            figures.Add(($"Final {key} against {parameter.Name} ({parameter.Description}), one point per trial, the line through the means", file));
        }
        if (table.Swept.Count == 2)
        {
            const string file = "sweep-heatmap.png";
            AtomicFile.WriteAllBytes(Path.Combine(folder, file), Heatmap(table.Swept[0], table.Swept[1], completed, key));
            figures.Add(($"Mean final {key} over {table.Swept[0].Name} and {table.Swept[1].Name}", file));
        }
        return figures;
    }

    private static byte[] Against(SweepParameter parameter, IReadOnlyList<TrialResult> results, string key)
    {
        using var plot = new Plot();
        FigureStyle.Apply(plot, $"Validation error against {parameter.Name}");
        var (positions, labels, position) = Axis(parameter, results);
        double[] xs = [.. results.Select(r => position(r.Settings))];
        double[] ys = [.. results.Select(r => r.FinalValidError!.Value)];
        var points = plot.Add.ScatterPoints(xs, ys);
        points.MarkerSize = 7;
        points.LegendText = "trials";
        // Listed values (a grid) get a tick each and a line through their means; drawn values (random search) are mostly
        // distinct, so they keep automatic ticks and no means.
        bool listed = positions.Length <= MaxLabelledValues;
        if (positions.Length < results.Count)
        {
            double[] means = [.. positions.Select(x => ys.Where((_, i) => xs[i] == x).Average())];
            var line = plot.Add.ScatterLine(positions, means);
            line.LineWidth = 2;
            line.LegendText = "mean";
        }
        if (listed)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int i = 0; i < positions.Length; i++)
                ticks.AddMajor(positions[i], labels[i]);
            plot.Axes.Bottom.TickGenerator = ticks;
        }
        double span = positions.Length > 1 ? positions[^1] - positions[0] : 1;
        plot.Axes.SetLimitsX(positions[0] - 0.08 * span, positions[^1] + 0.08 * span);
        bool log = parameter.IsNumeric && parameter.LogScale && positions.Length > 0 && results.All(r => parameter.Number(r.Settings) > 0);
        plot.XLabel(!log ? parameter.Name : listed ? $"{parameter.Name} (log scale)" : $"log10({parameter.Name})");
        plot.YLabel($"final {key}");
        plot.ShowLegend(Alignment.UpperRight);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static byte[] Heatmap(SweepParameter across, SweepParameter up, IReadOnlyList<TrialResult> results, string key)
    {
        using var plot = new Plot();
        FigureStyle.Apply(plot, $"Mean final {key}");
        string[] columns = Values(across, results), rows = Values(up, results);
        var cells = new double?[columns.Length, rows.Length];
        for (int c = 0; c < columns.Length; c++)
            for (int r = 0; r < rows.Length; r++)
            {
                var errors = results.Where(t => across.Format(t.Settings) == columns[c] && up.Format(t.Settings) == rows[r]).Select(t => t.FinalValidError!.Value).ToList();
                cells[c, r] = errors.Count == 0 ? null : errors.Average();
            }
        double low = cells.Cast<double?>().Where(v => v is not null).Min()!.Value, high = cells.Cast<double?>().Where(v => v is not null).Max()!.Value;
        var colours = new ScottPlot.Colormaps.Viridis();
        for (int c = 0; c < columns.Length; c++)
            for (int r = 0; r < rows.Length; r++)
            {
                var rectangle = plot.Add.Rectangle(c - 0.5, c + 0.5, r - 0.5, r + 0.5);
                rectangle.LineStyle.Width = 0;
                if (cells[c, r] is not double value)
                {
                    rectangle.FillStyle.Color = Colors.LightGray;
                    continue;
                }
                // Low errors (the good corner) dark, high ones bright; the label says the value either way.
                double fraction = high > low ? (value - low) / (high - low) : 0.5;
                rectangle.FillStyle.Color = colours.GetColor(fraction);
                var label = plot.Add.Text(value.ToString("F4", CultureInfo.InvariantCulture), c, r);
                label.LabelFontSize = 14;
                label.LabelFontColor = fraction > 0.6 ? Colors.Black : Colors.White;
                label.LabelAlignment = Alignment.MiddleCenter;
            }
        var bottom = new ScottPlot.TickGenerators.NumericManual();
        for (int c = 0; c < columns.Length; c++)
            bottom.AddMajor(c, columns[c]);
        var left = new ScottPlot.TickGenerators.NumericManual();
        for (int r = 0; r < rows.Length; r++)
            left.AddMajor(r, rows[r]);
        plot.Axes.Bottom.TickGenerator = bottom;
        plot.Axes.Left.TickGenerator = left;
        plot.Axes.SetLimits(-0.5, columns.Length - 0.5, -0.5, rows.Length - 0.5);
        plot.HideGrid();
        plot.XLabel(across.Name);
        plot.YLabel(up.Name);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    // Numbers in numeric order, names in first-seen order.
    private static string[] Values(SweepParameter parameter, IReadOnlyList<TrialResult> results)
    {
        var values = results.Select(r => parameter.Format(r.Settings)).Distinct();
        return parameter.IsNumeric
            ? [.. values.OrderBy(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.MaxValue)]
            : [.. values];
    }

    private static (double[] Positions, string[] Labels, Func<TrialSettings, double> Position) Axis(SweepParameter parameter, IReadOnlyList<TrialResult> results)
    {
        string[] values = Values(parameter, results);
        bool numeric = parameter.IsNumeric && values.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (!numeric)
            return ([.. values.Select((_, i) => (double)i)], values, s => Array.IndexOf(values, parameter.Format(s)));
        bool log = parameter.LogScale && values.All(v => double.Parse(v, CultureInfo.InvariantCulture) > 0);
        double Place(string v) => log ? Math.Log10(double.Parse(v, CultureInfo.InvariantCulture)) : double.Parse(v, CultureInfo.InvariantCulture);
        return ([.. values.Select(Place)], values, s => Place(parameter.Format(s)));
    }
}
