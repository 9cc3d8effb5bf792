using System.Globalization;
using Mlp.Examples.Results;

namespace Mlp.Examples.Progress;

/// <summary>The one-line text of an epoch's statistics, shared by the plain log and the progress bar's description.</summary>
public static class EpochSummary
{
    /// <summary>E.g. <c>train error 4.8123, valid error 4.7981, 1.23 s</c>; accuracies as percentages where present.</summary>
    public static string Format(EpochStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"train error {statistics.TrainError:F4}"),
            string.Create(CultureInfo.InvariantCulture, $"valid error {statistics.ValidError:F4}"),
        };
        if (statistics.TrainAccuracy is { } trainAccuracy)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"train acc {100 * trainAccuracy:F2}%"));
        if (statistics.ValidAccuracy is { } validAccuracy)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"valid acc {100 * validAccuracy:F2}%"));
        if (statistics.Epoch > 0)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{statistics.Seconds:F2} s"));
        return string.Join(", ", parts);
    }

    /// <summary>The validation figures alone, for a progress bar: e.g. <c>valid 4.7981</c> or <c>valid 0.1370 97.33%</c>.</summary>
    public static string Short(EpochStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return statistics.ValidAccuracy is { } accuracy
            ? string.Create(CultureInfo.InvariantCulture, $"valid {statistics.ValidError:F4} {100 * accuracy:F2}%")
            : string.Create(CultureInfo.InvariantCulture, $"valid {statistics.ValidError:F4}");
    }
}
