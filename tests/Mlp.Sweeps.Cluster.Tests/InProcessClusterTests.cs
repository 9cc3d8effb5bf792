using System.Collections.Concurrent;
using Mlp.Examples.Sweeps;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Mlp.Sweeps.Cluster.Tests;

/// <summary>
/// Three silos in this process (Orleans' TestingHost) over a real Redis for grain state and reminders: a sweep gives
/// the local runner's numbers bit for bit, and stopping a silo while it trains loses nothing.
/// </summary>
public sealed class InProcessClusterTests
{
    // The configurator is created by type inside each silo; the test's Redis reaches it here.
    private static string? s_redis;

    [Fact]
    public async Task ASweepOnThreeSilosGivesTheLocalNumbersAndSurvivesASiloStoppedMidSweep()
    {
        using var redis = new RedisServer();
        s_redis = redis.Address;
        var (local, localFolder) = SmallSweep.Local;
        var builder = new TestClusterBuilder(3);
        builder.Options.ClusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        builder.AddSiloBuilderConfigurator<Silo>();
        TestCluster cluster = builder.Build();
        await cluster.DeployAsync();
        using var folder = new TempFolder();
        try
        {
            var client = new SweepClient(cluster.Client, SweepModels.Registry()) { PollInterval = TimeSpan.FromMilliseconds(200) };
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(150));
            // The silos check a request against their own models, whatever the client sent: nothing starts.
            SweepDefinition foreign = SmallSweep.Definition with { Base = SmallSweep.Definition.Base with { Model = "System.IO.File" } };
            SubmitReply refused = await cluster.Client.GetGrain<ISweepGrain>("refused").Submit(SweepJson.Write(foreign));
            Assert.StartsWith("model: unknown model 'System.IO.File'", refused.Error, StringComparison.Ordinal);
            Assert.Null(await cluster.Client.GetGrain<ISweepGrain>("refused").GetDefinition());

            string id = await client.SubmitAsync(SmallSweep.Definition, timeout.Token);

            // Stop a silo other than the primary as soon as it is seen training a trial that is not yet finished.
            var progress = new HostsSeen();
            Task<IReadOnlyList<TrialResult>> following = client.FollowAsync(id, new SweepFolder(folder.Path), progress, timeout.Token);
            SiloHandle? stopped = null;
            while (stopped is null && !following.IsCompleted)
            {
                stopped = cluster.SecondarySilos.FirstOrDefault(s => progress.Training($"silo {s.SiloAddress.Endpoint}"));
                if (stopped is null)
                    await Task.Delay(100, timeout.Token);
            }
            Assert.NotNull(stopped);
            await cluster.StopSiloAsync(stopped);

            IReadOnlyList<TrialResult> results = await following;
            Assert.Equal(local.Count, results.Count);
            Same.Sweep(local, localFolder, folder.Path);
            // After the stop every trial still to finish finished on the two silos left.
            Assert.Contains(results, r => r.Host != $"silo {stopped.SiloAddress.Endpoint}");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            SiloHost.Configure(siloBuilder, s_redis!, parallelism: 1, dataDirectory: null, SweepModels.Registry());
    }

    /// <summary>Which silo each running trial was last seen on.</summary>
    private sealed class HostsSeen : ISweepProgress
    {
        private readonly ConcurrentDictionary<string, string> _running = new();

        public bool Training(string host) => _running.Values.Contains(host);

        public void SweepStarted(int total, int alreadyDone) { }

        public void TrialStarted(TrialSettings trial, int fromEpoch, string host)
        {
            _running[trial.Id] = host;
        }

        public void TrialEpoch(TrialEpoch epoch) { }

        public void TrialFinished(TrialResult result) => _running.TryRemove(result.Id, out _);
    }
}
