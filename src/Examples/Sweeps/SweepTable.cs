using System.Globalization;
using Mlp.Sweeps;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// A finished sweep's results in the order people read them: completed trials by their validation error (the
/// ranking statistic: <c>error(valid_noisy)</c> for trials trained on noise), lowest first, then diverged ones.
/// </summary>
/// <param name="Definition">The sweep.</param>
/// <param name="Results">Every trial's result.</param>
public sealed record SweepTable(SweepDefinition Definition, IReadOnlyList<TrialResult> Results)
{
    /// <summary>The results, best first.</summary>
    public IReadOnlyList<TrialResult> Ranked { get; } =
        [.. Results.OrderBy(r => r.Status == TrialStatus.Completed ? 0 : 1).ThenBy(r => r.FinalValidError ?? double.PositiveInfinity).ThenBy(r => r.Id, StringComparer.Ordinal)];

    /// <summary>The parameters the sweep varies, in the definition's order.</summary>
    public IReadOnlyList<SweepParameter> Swept { get; } = [.. Definition.Axes.Select(a => SweepParameters.Get(a.Name))];

    /// <summary>Whether any trial is a classifier (so accuracies are shown).</summary>
    public bool HasAccuracy => Results.Any(r => r.FinalValidAccuracy is not null || r.BestValidAccuracy is not null);

    /// <summary>Formats a statistic for tables: four decimals, or a dash.</summary>
    public static string Number(double? value) => value is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "—";

    /// <summary>Formats an accuracy as a percentage, or a dash.</summary>
    public static string Percent(double? value) => value is double v ? (100 * v).ToString("F2", CultureInfo.InvariantCulture) + "%" : "—";
}
