using Mlp.Examples.Results;
using Mlp.Training;

namespace Mlp.Examples.Tests.Support;

/// <summary>Builds runs' statistics as the optimiser reports them, from literal values.</summary>
public static class Runs
{
    /// <summary>An autoencoder's run: per epoch the training and validation errors; <paramref name="seconds"/> per trained epoch.</summary>
    public static RunHistory Autoencoder(string key, string title, (double Train, double Valid)[] errors, params double[] seconds) =>
        Make(key, title, ["error(train)", "error(valid)"], errors.Select(e => new[] { e.Train, e.Valid }).ToArray(), seconds);

    /// <summary>A classifier's run: per epoch the training and validation errors and accuracies.</summary>
    public static RunHistory Classifier(string key, string title, (double TrainError, double TrainAcc, double ValidError, double ValidAcc)[] rows, params double[] seconds) =>
        Make(key, title, ["error(train)", "acc(train)", "error(valid)", "acc(valid)"],
            rows.Select(r => new[] { r.TrainError, r.TrainAcc, r.ValidError, r.ValidAcc }).ToArray(), seconds);

    /// <summary>A run with the given keys and one row of values per epoch, from epoch 0.</summary>
    public static RunHistory Make(string key, string title, string[] keys, double[][] rows, double[] seconds)
    {
        var statistics = rows.Select((values, epoch) =>
            new EpochStatistics(epoch, keys.Zip(values).ToDictionary(kv => kv.First, kv => kv.Second))).ToList();
        return new RunHistory(key, title, new RunStatistics(keys, statistics, seconds, TimeSpan.FromSeconds(seconds.Sum())));
    }
}
