namespace Mlp.Training;

/// <summary>What <see cref="Optimiser"/> reports after each training epoch, e.g. to drive a progress bar.</summary>
/// <param name="Epoch">The epoch just completed (counting from 1 over the optimiser's life).</param>
/// <param name="LastEpoch">The epoch the current <see cref="Optimiser.Train"/> call ends with.</param>
/// <param name="Seconds">The time the epoch's training pass took.</param>
/// <param name="Statistics">The statistics taken after this epoch, or null when this epoch took none.</param>
public readonly record struct TrainingProgress(int Epoch, int LastEpoch, double Seconds, EpochStatistics? Statistics);
