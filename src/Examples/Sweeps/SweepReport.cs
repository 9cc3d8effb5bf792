using System.Globalization;
using System.Text;
using Mlp.Sweeps;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// <c>report.md</c>: what was swept, the table of trials sorted by validation error (best first; diverged trials last,
/// with where they diverged), and the figures.
/// </summary>
public static class SweepReport
{
    /// <summary>The file name.</summary>
    public const string FileName = "report.md";

    /// <summary>The Markdown text.</summary>
    /// <param name="table">The results.</param>
    /// <param name="where">Where the sweep ran, e.g. <c>locally, 2 trials at a time</c>.</param>
    /// <param name="seconds">The sweep's wall-clock seconds.</param>
    /// <param name="figures">The figures' captions and file names.</param>
    public static string Render(SweepTable table, string where, double seconds, IReadOnlyList<(string Caption, string File)> figures)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(figures);
        var text = new StringBuilder();
        TrialSettings start = table.Definition.Base;
        int diverged = table.Results.Count(r => r.Status == TrialStatus.Diverged);
        text.AppendLine("# Sweep").AppendLine();
        text.AppendLine(Invariant($"{table.Results.Count} trials ({(table.Definition.Search == SearchKind.Grid ? "grid" : $"random search, seed {table.Definition.RandomSeed}")}), {where}, {seconds:F1} s; {diverged} diverged."));
        text.AppendLine();
        text.AppendLine($"Every trial: {string.Join(", ", SweepParameters.All.Where(p => !table.Swept.Contains(p)).Select(p => $"{p.Name} {p.Format(start)}"))}.");
        foreach (SweepAxis axis in table.Definition.Axes)
            text.AppendLine(Invariant($"Swept: {axis.Name} {(axis.IsRange ? $"{axis.Low}..{axis.High}" : string.Join(", ", axis.Values))}."));
        text.AppendLine();
        text.AppendLine("Sorted by final validation error (on the corrupted validation inputs, clean targets, for trials trained on noise), lowest first.");
        text.AppendLine();

        bool accuracy = table.HasAccuracy;
        var header = new List<string> { "rank", "trial" };
        header.AddRange(table.Swept.Select(p => p.Name));
        header.AddRange(["valid error", "best valid error (epoch)", "train error"]);
        if (accuracy)
            header.AddRange(["valid acc", "best valid acc"]);
        header.AddRange(["seconds", "host", "status"]);
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        // Names and hosts align left, numbers right.
        text.AppendLine("|" + string.Join("|", header.Select((_, i) => i < 2 + table.Swept.Count || i >= header.Count - 2 ? "---" : "---:")) + "|");
        int rank = 0;
        foreach (TrialResult result in table.Ranked)
        {
            var cells = new List<string> { Invariant($"{++rank}"), $"`{result.Id}`" };
            cells.AddRange(table.Swept.Select(p => p.Format(result.Settings)));
            cells.Add(SweepTable.Number(result.FinalValidError));
            cells.Add(result.BestValidError is null ? "—" : Invariant($"{SweepTable.Number(result.BestValidError)} ({result.BestEpoch})"));
            cells.Add(SweepTable.Number(result.Status == TrialStatus.Completed && result.Final.TryGetValue("error(train)", out double train) ? train : null));
            if (accuracy)
                cells.AddRange([SweepTable.Percent(result.FinalValidAccuracy), SweepTable.Percent(result.BestValidAccuracy)]);
            cells.Add(Invariant($"{result.Seconds:F1}"));
            cells.Add(result.Host);
            cells.Add(result.Divergence is { } d
                ? Invariant($"diverged in epoch {d.Epoch}{(d.Batch is int b ? $", batch {b}" : "")}")
                : result.ResumedFromEpoch > 0 ? Invariant($"completed (resumed from epoch {result.ResumedFromEpoch})") : "completed");
            text.AppendLine("| " + string.Join(" | ", cells) + " |");
        }
        text.AppendLine();
        foreach ((string caption, string file) in figures)
            text.AppendLine($"![{caption}]({file})").AppendLine();
        text.AppendLine("Each trial's statistics per epoch are in `trials/{id}.json`, its trained model in `models/{id}.safetensors`; `trials.csv` has every trial's settings and results.");
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
