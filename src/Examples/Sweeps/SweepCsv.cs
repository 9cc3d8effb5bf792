using System.Globalization;
using System.Text;
using Mlp.Sweeps;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// <c>trials.csv</c>: a row per trial, best first, with every hyper-parameter, the final and best statistics (round-trip
/// precision), the time, where it ran and how it ended, for a spreadsheet or pandas.
/// </summary>
public static class SweepCsv
{
    /// <summary>The file name.</summary>
    public const string FileName = "trials.csv";

    /// <summary>The CSV text.</summary>
    public static string Render(SweepTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        var keys = table.Results.SelectMany(r => r.Final.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        text.Append("rank,id,status");
        foreach (SweepParameter parameter in SweepParameters.All)
            text.Append(',').Append(parameter.Name);
        text.Append(",ranking_statistic,final_valid_error,best_valid_error,best_epoch,final_valid_accuracy,best_valid_accuracy");
        foreach (string key in keys)
            text.Append(",final_").Append(key);
        text.Append(",seconds,training_seconds,host,resumed_from_epoch,diverged_epoch,diverged_batch\n");
        int rank = 0;
        foreach (TrialResult result in table.Ranked)
        {
            text.Append(Invariant(++rank)).Append(',').Append(result.Id).Append(',').Append(result.Status.ToString().ToLowerInvariant());
            foreach (SweepParameter parameter in SweepParameters.All)
                text.Append(',').Append(Quote(parameter.Format(result.Settings)));
            text.Append(',').Append(result.RankingKey);
            foreach (double? value in new[] { result.FinalValidError, result.BestValidError, result.BestEpoch, result.FinalValidAccuracy, result.BestValidAccuracy })
                text.Append(',').Append(Invariant(value));
            foreach (string key in keys)
                text.Append(',').Append(result.Final.TryGetValue(key, out double value) ? Invariant(value) : "");
            text.Append(',').Append(Invariant(result.Seconds)).Append(',').Append(Invariant(result.TrainingSeconds)).Append(',').Append(Quote(result.Host))
                .Append(',').Append(Invariant(result.ResumedFromEpoch)).Append(',').Append(Invariant(result.Divergence?.Epoch))
                .Append(',').Append(Invariant(result.Divergence?.Batch)).Append('\n');
        }
        return text.ToString();
    }

    private static string Invariant(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}
