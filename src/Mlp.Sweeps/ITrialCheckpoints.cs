namespace Mlp.Sweeps;

/// <summary>Where a trial's checkpoints are kept between epochs: files of a sweep folder, or a grain's state.</summary>
public interface ITrialCheckpoints
{
    /// <summary>The trial's last checkpoint, or null when it has none.</summary>
    TrialCheckpoint? Load(string trialId);

    /// <summary>Keeps <paramref name="checkpoint"/> as the trial's last, replacing the one before all at once.</summary>
    void Save(TrialCheckpoint checkpoint);
}

/// <summary>A trial's progress after an epoch.</summary>
/// <param name="TrialId">The trial.</param>
/// <param name="Epochs">The trial's epochs in all.</param>
/// <param name="Row">The statistics after the epoch just completed.</param>
public readonly record struct TrialEpoch(string TrialId, int Epochs, EpochRow Row);
