using Mlp.Sweeps;

namespace Mlp.Examples.Sweeps;

/// <summary>The contents of <c>sweep.json</c>: the definition, its trials' ids, and, once finished, each trial's outcome in brief.</summary>
/// <param name="Definition">The sweep as declared.</param>
/// <param name="TrialIds">The trials, in the definition's order; each has <c>trials/{id}.json</c> when finished.</param>
/// <param name="Where">Where it runs: locally (with how many at once) or the cluster's Redis and the sweep's id there.</param>
/// <param name="Finished">Whether every trial has finished.</param>
/// <param name="Seconds">Wall-clock seconds of this run of the sweep (resumed runs count from their own start).</param>
/// <param name="Ranking">The trial ids, best first, with their final validation error (null when diverged); empty until finished.</param>
public sealed record SweepSummary(SweepDefinition Definition, IReadOnlyList<string> TrialIds, string Where, bool Finished, double Seconds,
    IReadOnlyList<RankedTrial> Ranking);

/// <summary>A trial's place in <see cref="SweepSummary.Ranking"/>.</summary>
/// <param name="Id">The trial.</param>
/// <param name="Status">How it ended.</param>
/// <param name="ValidError">Its final validation error (the ranking statistic), or null when diverged.</param>
public sealed record RankedTrial(string Id, TrialStatus Status, double? ValidError);

/// <summary>Writes a sweep's files: <c>sweep.json</c> at the start and end, and <c>trials.csv</c>, <c>report.md</c> and the plots at the end.</summary>
public static class SweepOutputs
{
    /// <summary>The summary's file name.</summary>
    public const string SummaryFile = "sweep.json";

    /// <summary>Writes <c>sweep.json</c> for a sweep about to run.</summary>
    public static void Started(string folder, SweepDefinition definition, IReadOnlyList<TrialSettings> trials, string where) =>
        AtomicFile.WriteAllText(Path.Combine(folder, SummaryFile),
            SweepJson.Write(new SweepSummary(definition, [.. trials.Select(t => t.Id)], where, false, 0, [])));

    /// <summary>Writes every output of a finished sweep; returns the report's path.</summary>
    public static string Finished(string folder, SweepDefinition definition, IReadOnlyList<TrialResult> results, string where, double seconds)
    {
        var table = new SweepTable(definition, results);
        AtomicFile.WriteAllText(Path.Combine(folder, SummaryFile), SweepJson.Write(new SweepSummary(definition, [.. results.Select(r => r.Id)], where, true, seconds,
            [.. table.Ranked.Select(r => new RankedTrial(r.Id, r.Status, r.FinalValidError))])));
        AtomicFile.WriteAllText(Path.Combine(folder, SweepCsv.FileName), SweepCsv.Render(table));
        IReadOnlyList<(string, string)> figures = SweepPlots.Save(table, folder);
        string report = Path.Combine(folder, SweepReport.FileName);
        AtomicFile.WriteAllText(report, SweepReport.Render(table, where, seconds, figures));
        return report;
    }
}
