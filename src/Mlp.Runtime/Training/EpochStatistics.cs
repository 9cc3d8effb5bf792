namespace Mlp.Training;

/// <summary>One row of a run's statistics: the values of every statistic after an epoch (epoch 0 is before training).</summary>
/// <param name="Epoch">The number of training epochs completed when the statistics were taken.</param>
/// <param name="Values">Each statistic by key, e.g. <c>error(train)</c>, <c>acc(valid)</c>.</param>
public sealed record EpochStatistics(int Epoch, IReadOnlyDictionary<string, double> Values)
{
    /// <summary>The value of the statistic <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No statistic has that key.</exception>
    public double this[string key] => Values.TryGetValue(key, out double value)
        ? value
        : throw new KeyNotFoundException($"No statistic '{key}'; the keys are {string.Join(", ", Values.Keys)}.");
}
