using Mlp.Training;

namespace Mlp.Examples.Results;

/// <summary>One row of the results table: an exercise's (or one of its runs') final and best figures.</summary>
/// <param name="Key">A stable identifier, the first level of <c>results.json</c> (e.g. <c>ex1</c>, <c>pca</c>, <c>ex4_pretrained</c>).</param>
/// <param name="Title">What a reader sees in the table (e.g. <c>Exercise 1: linear autoencoder</c>).</param>
/// <param name="Sets">The figures per data set, in the order the table shows them.</param>
/// <param name="Seconds">The wall-clock seconds the exercise took, statistics included.</param>
/// <param name="SecondsPerEpoch">The mean training seconds per epoch; null where nothing is trained by epochs (PCA).</param>
/// <param name="Stages">Seconds per named stage where the exercise reports a split (e.g. PCA's <c>covariance</c>, <c>eigendecomposition</c>), in order; null otherwise.</param>
/// <param name="Seeds">The seeds of the run's random draws by use (e.g. <c>model</c>, <c>batches</c>), in order; null where nothing is random (PCA).</param>
public sealed record ExerciseResult(
    string Key,
    string Title,
    IReadOnlyList<SetResult> Sets,
    double Seconds,
    double? SecondsPerEpoch = null,
    IReadOnlyList<KeyValuePair<string, double>>? Stages = null,
    IReadOnlyList<KeyValuePair<string, long>>? Seeds = null)
{
    /// <summary>
    /// The result of a training run: for each set its statistics hold (train, valid, then any other, e.g. corrupted
    /// validation inputs), the final figures from the last epoch and the best over all epochs (lowest error, highest
    /// accuracy), followed by <paramref name="extraSets"/> measured outside the per-epoch statistics.
    /// </summary>
    /// <param name="run">The run's statistics; at least one epoch.</param>
    /// <param name="title">The table's title for the run.</param>
    /// <param name="seconds">The wall-clock seconds the run took.</param>
    /// <param name="extraSets">Further sets measured outside the per-epoch statistics.</param>
    public static ExerciseResult FromRun(RunHistory run, string title, double seconds, params IEnumerable<SetResult> extraSets)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Epochs.Count == 0)
            throw new ArgumentException($"Run '{run.Key}' has no epochs.", nameof(run));
        var sets = new List<SetResult>();
        foreach (string set in run.Sets)
        {
            string errorKey = StatisticKeys.Error(set), accuracyKey = StatisticKeys.Accuracy(set);
            bool hasAccuracy = run.HasStatistic(accuracyKey);
            EpochStatistics last = run.Epochs[^1];
            sets.Add(new SetResult(set,
                last[errorKey],
                hasAccuracy ? last[accuracyKey] : null,
                Lowest(run.Epochs.Select(e => e[errorKey])),
                hasAccuracy ? Highest(run.Epochs.Select(e => e[accuracyKey])) : null));
        }
        return new ExerciseResult(run.Key, title, [.. sets, .. extraSets], seconds, run.SecondsPerEpoch);
    }

    // A diverged epoch (NaN) is never the best; only a run that is NaN throughout has a NaN best.
    private static double Lowest(IEnumerable<double> values)
    {
        var finite = values.Where(v => !double.IsNaN(v)).ToList();
        return finite.Count == 0 ? double.NaN : finite.Min();
    }

    private static double Highest(IEnumerable<double> values)
    {
        var finite = values.Where(v => !double.IsNaN(v)).ToList();
        return finite.Count == 0 ? double.NaN : finite.Max();
    }
}
