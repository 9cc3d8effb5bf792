namespace Mlp.Examples.Results;

/// <summary>One row of a training run's statistics: the errors (and accuracies) measured after an epoch.</summary>
/// <param name="Epoch">The epoch just finished; 0 for the statistics of the initial model, before training.</param>
/// <param name="TrainError">The error on the training set.</param>
/// <param name="ValidError">The error on the validation set.</param>
/// <param name="TrainAccuracy">The classification accuracy on the training set, a fraction in [0, 1]; null for autoencoders.</param>
/// <param name="ValidAccuracy">The classification accuracy on the validation set, a fraction in [0, 1]; null for autoencoders.</param>
/// <param name="Seconds">The wall-clock seconds the epoch's training took, statistics excluded; 0 for epoch 0.</param>
public sealed record EpochStatistics(
    int Epoch,
    double TrainError,
    double ValidError,
    double? TrainAccuracy = null,
    double? ValidAccuracy = null,
    double Seconds = 0);
