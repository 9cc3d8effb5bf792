namespace Mlp.Sweeps;

/// <summary>How a trial ended.</summary>
public enum TrialStatus
{
    /// <summary>It trained every epoch.</summary>
    Completed,

    /// <summary>A parameter or an error became NaN or infinite; <see cref="TrialResult.Divergence"/> says where.</summary>
    Diverged,
}

/// <summary>Where a diverged trial stopped.</summary>
/// <param name="Epoch">The epoch (from 1) in which it diverged.</param>
/// <param name="Batch">The 0-based batch after whose update a parameter was not finite, or null when an error was found not finite in the statistics.</param>
/// <param name="Message">The runtime's description.</param>
public sealed record Divergence(int Epoch, int? Batch, string Message);

/// <summary>
/// What one trial produced: its per-epoch statistics, final and best values, how long it took and where, and the file
/// of its trained model. Saved as <c>trials/{id}.json</c> when the trial finishes.
/// </summary>
public sealed record TrialResult
{
    /// <summary>The trial's settings.</summary>
    public required TrialSettings Settings { get; init; }

    /// <summary>The trial's id (<see cref="TrialSettings.Id"/>).</summary>
    public required string Id { get; init; }

    /// <summary>How it ended.</summary>
    public required TrialStatus Status { get; init; }

    /// <summary>The statistic trials are ranked by: <c>error(valid_noisy)</c> for a trial trained on noise, else <c>error(valid)</c>.</summary>
    public required string RankingKey { get; init; }

    /// <summary>Every statistics row, epoch 0 first.</summary>
    public required IReadOnlyList<EpochRow> Epochs { get; init; }

    /// <summary>The last row's statistics (empty when the trial diverged before any).</summary>
    public IReadOnlyDictionary<string, double> Final => Epochs.Count == 0 ? new Dictionary<string, double>() : Epochs[^1].Values;

    /// <summary>The ranking statistic after the last epoch, or null when the trial diverged.</summary>
    public double? FinalValidError => Status == TrialStatus.Completed && Final.TryGetValue(RankingKey, out double e) ? e : null;

    /// <summary>The lowest ranking statistic after any epoch from 1, or null before any.</summary>
    public double? BestValidError => Trained.Select(r => (double?)r.Values[RankingKey]).Min();

    /// <summary>The epoch of <see cref="BestValidError"/>.</summary>
    public int? BestEpoch => Trained.MinBy(r => r.Values[RankingKey])?.Epoch;

    /// <summary>The final validation accuracy of a classifier, else null.</summary>
    public double? FinalValidAccuracy => Status == TrialStatus.Completed && Final.TryGetValue("acc(valid)", out double a) ? a : null;

    /// <summary>The highest validation accuracy after any epoch of a classifier, else null.</summary>
    public double? BestValidAccuracy => Trained.Where(r => r.Values.ContainsKey("acc(valid)")).Select(r => (double?)r.Values["acc(valid)"]).Max();

    /// <summary>Wall-clock seconds of the whole trial, statistics and checkpoints included (over every attempt).</summary>
    public double Seconds { get; init; }

    /// <summary>The training passes' seconds alone (the sum of the epochs' <see cref="EpochRow.Seconds"/>).</summary>
    public double TrainingSeconds => Epochs.Sum(r => r.Seconds ?? 0);

    /// <summary>Where it ran (last): host name and process, or the silo.</summary>
    public required string Host { get; init; }

    /// <summary>The epoch it resumed from after an interruption, or 0 when it ran in one go.</summary>
    public int ResumedFromEpoch { get; init; }

    /// <summary>Where it diverged, for a <see cref="TrialStatus.Diverged"/> trial.</summary>
    public Divergence? Divergence { get; init; }

    /// <summary>The trained model's file name in the sweep folder's <c>models</c>, or null when it diverged.</summary>
    public string? ModelFile { get; init; }

    private IEnumerable<EpochRow> Trained => Epochs.Where(r => r.Epoch > 0 && r.Values.ContainsKey(RankingKey));
}

/// <summary>A finished trial and its trained model's safetensors bytes (null when it diverged).</summary>
/// <param name="Result">The result.</param>
/// <param name="Model">The model file's content.</param>
public sealed record TrialOutcome(TrialResult Result, byte[]? Model);
