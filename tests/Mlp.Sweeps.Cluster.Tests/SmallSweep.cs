using Mlp.Examples.Sweeps;

namespace Mlp.Sweeps.Cluster.Tests;

/// <summary>The sweep both cluster tests run, and its results from the local runner to compare against.</summary>
internal static class SmallSweep
{
    /// <summary>Six denoising trials of 5 epochs of 6 batches: long enough to stop a silo in the middle, short enough for CI.</summary>
    public static SweepDefinition Definition { get; } = new()
    {
        Base = SweepModels.Exercise(3, 123) with { Epochs = 5, MaxBatches = 6, BatchSize = 25 },
        Axes = [SweepAxis.Of("lr", "1e-3", "1e-2", "3e-3"), SweepAxis.Of("noise-level", "0.1", "0.5")],
    };

    /// <summary>The same command-line arguments for the app's sweep verb.</summary>
    public static string[] Arguments { get; } =
        ["sweep", "--exercise", "3", "--epochs", "5", "--max-batches", "6", "--batch-size", "25", "--lr", "1e-3,1e-2,3e-3", "--noise-level", "0.1,0.5"];

    private static readonly Lazy<(IReadOnlyList<TrialResult> Results, string Folder)> s_local = new(() =>
    {
        string folder = Path.Combine(Path.GetTempPath(), "mlp-cluster-local-" + Guid.NewGuid().ToString("N")[..10]);
        var runner = new LocalSweepRunner(SweepModels.Registry(), SweepData.Load());
        return (runner.Run(Definition.Expand(SweepModels.Registry()), new SweepFolder(folder)), folder);
    });

    /// <summary>The local runner's results and the folder holding their models (run once per test process).</summary>
    public static (IReadOnlyList<TrialResult> Results, string Folder) Local => s_local.Value;
}
