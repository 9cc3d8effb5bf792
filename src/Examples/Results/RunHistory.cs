namespace Mlp.Examples.Results;

/// <summary>The per-epoch statistics of one training run, for its learning curves and its CSV file.</summary>
/// <param name="Key">A stable identifier, used in file names and JSON keys (e.g. <c>ex4_pretrained</c>).</param>
/// <param name="Title">What a reader sees in legends and tables (e.g. <c>pre-trained first layer</c>).</param>
/// <param name="Epochs">The statistics, by increasing epoch.</param>
public sealed record RunHistory(string Key, string Title, IReadOnlyList<EpochStatistics> Epochs)
{
    /// <summary>True when every epoch carries both accuracies, as a classifier's run does.</summary>
    public bool HasAccuracy => Epochs.Count > 0 && Epochs.All(e => e.TrainAccuracy.HasValue && e.ValidAccuracy.HasValue);

    /// <summary>The mean training seconds per epoch over the epochs after epoch 0; null when there are none.</summary>
    public double? SecondsPerEpoch
    {
        get
        {
            var trained = Epochs.Where(e => e.Epoch > 0).ToList();
            return trained.Count == 0 ? null : trained.Average(e => e.Seconds);
        }
    }
}
