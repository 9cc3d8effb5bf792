namespace Mlp.Sweeps;

/// <summary>The statistics after one epoch of a trial (epoch 0: before training).</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Seconds">That epoch's training-pass time; null for epoch 0.</param>
/// <param name="Values">Each statistic by key: <c>error(train)</c>, <c>error(valid)</c>, <c>acc(valid)</c>, <c>error(valid_noisy)</c>, ….</param>
public sealed record EpochRow(int Epoch, double? Seconds, IReadOnlyDictionary<string, double> Values);
