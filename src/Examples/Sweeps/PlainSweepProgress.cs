using System.Globalization;
using Mlp.Sweeps;

namespace Mlp.Examples.Sweeps;

/// <summary>Sweep progress as plain lines, for logs and redirected output: a line per trial started and finished, and per epoch.</summary>
/// <param name="output">Where the lines go (written under a lock: trials report from their own threads).</param>
public sealed class PlainSweepProgress(TextWriter output) : ISweepProgress
{
    private readonly Lock _lock = new();
    private int _total, _done;

    /// <inheritdoc />
    public void SweepStarted(int total, int alreadyDone)
    {
        lock (_lock)
        {
            (_total, _done) = (total, alreadyDone);
            output.WriteLine(Invariant($"Sweep: {total} trials, {alreadyDone} already finished"));
        }
    }

    /// <inheritdoc />
    public void TrialStarted(TrialSettings trial, int fromEpoch, string host)
    {
        lock (_lock)
            output.WriteLine(Invariant($"trial {trial.Id} {(fromEpoch > 0 ? $"resumes from epoch {fromEpoch}" : "starts")} on {host}: {SweepProgressText.Describe(trial)}"));
    }

    /// <inheritdoc />
    public void TrialEpoch(TrialEpoch epoch)
    {
        lock (_lock)
            output.WriteLine(Invariant($"trial {epoch.TrialId} epoch {epoch.Row.Epoch}/{epoch.Epochs}: {SweepProgressText.Statistics(epoch.Row)}"));
    }

    /// <inheritdoc />
    public void TrialFinished(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_lock)
            output.WriteLine(Invariant($"trial {result.Id} {SweepProgressText.Outcome(result)} ({++_done}/{_total} done)"));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The words both progress displays use.</summary>
internal static class SweepProgressText
{
    /// <summary>The trial's settings that people vary, e.g. <c>denoising-autoencoder adam lr=0.001 masking 0.25 seed=143</c>.</summary>
    public static string Describe(TrialSettings trial) => string.Create(CultureInfo.InvariantCulture,
        $"{trial.Model} {trial.Rule} lr={trial.LearningRate}{(trial.Noise == NoiseNames.None ? "" : $" {trial.Noise} {trial.NoiseLevel}")} seed={trial.Seed}");

    /// <summary>An epoch's validation statistics.</summary>
    public static string Statistics(EpochRow row) => string.Join(" ", row.Values.Where(kv => kv.Key.Contains("valid", StringComparison.Ordinal))
        .OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value:F4}")));

    /// <summary>How a trial ended.</summary>
    public static string Outcome(TrialResult result) => result.Divergence is { } d
        ? string.Create(CultureInfo.InvariantCulture, $"diverged in epoch {d.Epoch}{(d.Batch is int b ? $", batch {b}" : "")}")
        : string.Create(CultureInfo.InvariantCulture, $"done: {result.RankingKey}={result.FinalValidError:F4} in {result.Seconds:F1} s on {result.Host}");
}
