using Mlp.Training;

namespace Mlp.Examples.Results;

/// <summary>A training run's per-epoch statistics under a stable key, for its learning curves, its CSV file and its row of the results.</summary>
/// <param name="Key">A stable identifier, used in file names and JSON keys (e.g. <c>ex4_pretrained</c>).</param>
/// <param name="Title">What a reader sees in legends and tables (e.g. <c>pre-trained first layer</c>).</param>
/// <param name="Statistics">The optimiser's statistics (<c>error(set)</c> and <c>acc(set)</c> per epoch, see <see cref="StatisticKeys"/>) and epoch times.</param>
public sealed record RunHistory(string Key, string Title, RunStatistics Statistics)
{
    /// <summary>The statistics rows, by increasing epoch (epoch 0: the initial model).</summary>
    public IReadOnlyList<EpochStatistics> Epochs => Statistics.Rows;

    /// <summary>The data sets the statistics hold an error for (<c>train</c>, <c>valid</c>, …), in order.</summary>
    public IReadOnlyList<string> Sets => StatisticKeys.Sets(Statistics.Keys);

    /// <summary>True when the training and validation accuracies were measured, as in a classifier's run.</summary>
    public bool HasAccuracy => HasStatistic(StatisticKeys.Accuracy(SetResult.Train)) && HasStatistic(StatisticKeys.Accuracy(SetResult.Valid));

    /// <summary>The mean training seconds per epoch (statistics excluded); null when no epoch was trained.</summary>
    public double? SecondsPerEpoch => Statistics.EpochSeconds.Count == 0 ? null : Statistics.MeanSecondsPerEpoch;

    /// <summary>Whether the statistics have the key <paramref name="key"/>.</summary>
    public bool HasStatistic(string key) => Statistics.Keys.Contains(key);
}
