using Mlp.Examples.Progress;
using Mlp.Examples.Results;
using Mlp.Training;

namespace Mlp.Examples.Exercises;

/// <summary>
/// Trains one run of an exercise with per-epoch statistics, shown live on the progress display, and maps the
/// optimiser's <see cref="RunStatistics"/> onto the run's <see cref="RunHistory"/>: the one place where further
/// monitored sets (exercise 3's corrupted validation inputs) join the optimiser's training and validation figures.
/// </summary>
internal static class TrainingRun
{
    /// <summary>Trains <paramref name="optimiser"/>'s model for <c>--epochs</c> epochs, taking statistics after every one.</summary>
    /// <param name="context">The exercise's settings and progress display.</param>
    /// <param name="key">The run's stable key (file names, JSON).</param>
    /// <param name="title">What the progress display calls the run.</param>
    /// <param name="legend">What legends shared with other runs call it (the run's <see cref="RunHistory.Title"/>).</param>
    /// <param name="optimiser">The optimiser, with its training and validation data.</param>
    /// <param name="monitored">Further sets to measure after every epoch (and before the first).</param>
    /// <exception cref="TrainingDivergedException">The run diverged.</exception>
    public static RunHistory Train(ExerciseContext context, string key, string title, string legend, Optimiser optimiser, params IReadOnlyList<MonitoredSet> monitored) =>
        Train(context, key, title, legend, optimiser, afterStatistics: null, monitored);

    /// <summary>
    /// Trains as <see cref="Train(ExerciseContext, string, string, string, Optimiser, IReadOnlyList{MonitoredSet})"/>, calling
    /// <paramref name="afterStatistics"/> with the epoch whenever statistics are taken (epoch 0, before training, included).
    /// </summary>
    public static RunHistory Train(ExerciseContext context, string key, string title, string legend, Optimiser optimiser,
        Action<int>? afterStatistics, params IReadOnlyList<MonitoredSet> monitored)
    {
        int epochs = context.Options.Epochs;
        var further = new Dictionary<int, IReadOnlyDictionary<string, double>> { [0] = Evaluate(optimiser, monitored) };
        afterStatistics?.Invoke(0);
        IProgress<TrainingProgress>? previous = optimiser.Progress;
        IRunProgress? display = null;
        optimiser.Progress = new SynchronousProgress<TrainingProgress>(progress =>
        {
            if (progress.Statistics is { } statistics)
            {
                further[progress.Epoch] = Evaluate(optimiser, monitored);
                progress = progress with { Statistics = Merge(statistics, further[progress.Epoch]) };
                afterStatistics?.Invoke(progress.Epoch);
            }
            display!.ReportEpoch(progress);
            // Other parts may have finished meanwhile: take the share of the threads this part has now.
            context.Threads?.Apply();
        });

        RunStatistics statistics;
        display = context.Progress.StartRun(title, epochs);
        try
        {
            statistics = optimiser.Train(epochs, statsInterval: 1);
        }
        finally
        {
            display.Finish();
            optimiser.Progress = previous;
        }

        if (monitored.Count == 0)
            return new RunHistory(key, legend, statistics);
        var keys = statistics.Keys.Concat(further[0].Keys).ToList();
        var rows = statistics.Rows.Select(row => Merge(row, further[row.Epoch])).ToList();
        return new RunHistory(key, legend, new RunStatistics(keys, rows, statistics.EpochSeconds, statistics.TotalTime));
    }

    private static IReadOnlyDictionary<string, double> Evaluate(Optimiser optimiser, IReadOnlyList<MonitoredSet> monitored)
    {
        var values = new Dictionary<string, double>();
        foreach (MonitoredSet set in monitored)
            foreach (var (statistic, value) in optimiser.Evaluate(set.Data))
                values[$"{statistic}({set.Set})"] = value;
        return values;
    }

    private static EpochStatistics Merge(EpochStatistics row, IReadOnlyDictionary<string, double> further)
    {
        if (further.Count == 0)
            return row;
        var values = new Dictionary<string, double>(row.Values);
        foreach (var (key, value) in further)
            values[key] = value;
        return new EpochStatistics(row.Epoch, values);
    }
}
