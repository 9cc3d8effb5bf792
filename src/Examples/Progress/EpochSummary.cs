using System.Globalization;
using Mlp.Examples.Results;
using Mlp.Training;

namespace Mlp.Examples.Progress;

/// <summary>The one-line text of an epoch's statistics, shared by the plain log and the progress bar.</summary>
public static class EpochSummary
{
    /// <summary>
    /// E.g. <c>train error 4.8123, valid error 4.7981, 1.23 s</c>: the error on each set, then each accuracy as a
    /// percentage, then the epoch's training time; just the time when the epoch took no statistics.
    /// </summary>
    public static string Format(TrainingProgress progress)
    {
        var parts = new List<string>();
        if (progress.Statistics is { } statistics)
        {
            IReadOnlyList<string> sets = StatisticKeys.Sets(statistics.Values.Keys);
            foreach (string set in sets)
                parts.Add(Invariant($"{Label(set)} error {statistics[StatisticKeys.Error(set)]:F4}"));
            foreach (string set in sets)
                if (statistics.Values.TryGetValue(StatisticKeys.Accuracy(set), out double accuracy))
                    parts.Add(Invariant($"{Label(set)} acc {100 * accuracy:F2}%"));
        }
        parts.Add(Invariant($"{progress.Seconds:F2} s"));
        return string.Join(", ", parts);
    }

    /// <summary>
    /// The validation figures alone, for a progress bar: e.g. <c>valid 4.7981</c>, <c>valid 0.1370 97.33%</c>, or with a
    /// further validation set <c>valid 2.1320 valid noisy 4.5940</c>; empty when the epoch took no statistics.
    /// </summary>
    public static string Short(TrainingProgress progress)
    {
        if (progress.Statistics is not { } statistics)
            return "";
        var parts = new List<string>();
        foreach (string set in StatisticKeys.Sets(statistics.Values.Keys).Where(s => s != SetResult.Train))
        {
            string text = Invariant($"{Label(set)} {statistics[StatisticKeys.Error(set)]:F4}");
            if (statistics.Values.TryGetValue(StatisticKeys.Accuracy(set), out double accuracy))
                text += Invariant($" {100 * accuracy:F2}%");
            parts.Add(text);
        }
        return string.Join(" ", parts);
    }

    private static string Label(string set) => set.Replace('_', ' ');

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
