using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using StackExchange.Redis;

namespace Mlp.Sweeps.Cluster;

/// <summary>
/// Submits a sweep to a cluster and follows it: every finished trial's result and model are written to the local
/// <see cref="SweepFolder"/> as they arrive, and running trials are shown on the progress display. The sweep's id is a
/// hash of its trials, so submitting the same sweep again re-attaches to it; <see cref="FollowAsync"/> with the id
/// alone attaches too. Calls that fail while a silo dies are retried until the cluster answers again.
/// </summary>
/// <param name="grains">The cluster client's grain factory.</param>
/// <param name="registry">The models, to expand the definition the same way the silos do.</param>
public sealed class SweepClient(IGrainFactory grains, ModelRegistry registry)
{
    /// <summary>How often the sweep is polled.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The id a cluster gives the sweep of <paramref name="trials"/>: the first 12 hex digits of the SHA-256 of their ids.</summary>
    public static string SweepId(IReadOnlyList<TrialSettings> trials) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", trials.Select(t => t.Id)))))[..12];

    /// <summary>Connects a client to the cluster whose membership is in <paramref name="redis"/>.</summary>
    public static IHost Connect(string redis, string clusterId = ClusterTuning.DefaultClusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, ClusterTuning.ServiceId));
            client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        });
        return builder.Build();
    }

    /// <summary>Submits <paramref name="definition"/>; returns its id on the cluster.</summary>
    /// <exception cref="SweepDefinitionException">The cluster's silos refused the definition.</exception>
    public async Task<string> SubmitAsync(SweepDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        string id = SweepId(definition.Expand(registry));
        SubmitReply reply = await Retry(() => grains.GetGrain<ISweepGrain>(id).Submit(SweepJson.Write(definition)), cancellationToken);
        return reply.Error is null ? id : throw new SweepDefinitionException("cluster", reply.Error);
    }

    /// <summary>The definition of the sweep <paramref name="sweepId"/>.</summary>
    /// <exception cref="SweepDefinitionException">The cluster has no sweep of that id.</exception>
    public async Task<SweepDefinition> DefinitionAsync(string sweepId, CancellationToken cancellationToken = default)
    {
        string? json = await Retry(() => grains.GetGrain<ISweepGrain>(sweepId).GetDefinition(), cancellationToken);
        return json is null ? throw new SweepDefinitionException("attach", $"the cluster has no sweep with id '{sweepId}'")
            : SweepJson.Read<SweepDefinition>(json, $"sweep {sweepId}");
    }

    /// <summary>Follows the sweep until every trial has finished, saving each into <paramref name="folder"/>; returns the results in trial order.</summary>
    public async Task<IReadOnlyList<TrialResult>> FollowAsync(string sweepId, SweepFolder folder, ISweepProgress? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        IReadOnlyList<TrialSettings> trials = (await DefinitionAsync(sweepId, cancellationToken)).Expand(registry);
        var byId = trials.ToDictionary(t => t.Id);
        var saved = new HashSet<string>(trials.Where(t => folder.FindResult(t.Id) is not null).Select(t => t.Id));
        var shown = new Dictionary<string, RunningTrial>();
        progress?.SweepStarted(trials.Count, saved.Count);
        while (saved.Count < trials.Count)
        {
            SweepView view = await Retry(() => grains.GetGrain<ISweepGrain>(sweepId).GetView(), cancellationToken);
            foreach (string json in view.ResultJsons)
            {
                TrialResult result = SweepJson.Read<TrialResult>(json, $"a result of sweep {sweepId}");
                if (saved.Contains(result.Id))
                    continue;
                byte[]? model = result.ModelFile is null ? null
                    : await Retry(() => grains.GetGrain<ITrialGrain>($"{sweepId}/{result.Id}").GetModel(), cancellationToken);
                folder.Save(new TrialOutcome(result, model));
                saved.Add(result.Id);
                shown.Remove(result.Id);
                progress?.TrialFinished(result);
            }
            foreach (RunningTrial running in view.Running.Where(r => !saved.Contains(r.TrialId) && byId.ContainsKey(r.TrialId)))
            {
                // Trials report after each epoch; one seen on a new host has resumed there from the epoch before its report.
                shown.TryGetValue(running.TrialId, out RunningTrial? before);
                if (before is null)
                    progress?.TrialStarted(byId[running.TrialId], 0, running.Host);
                else if (before.Host != running.Host)
                    progress?.TrialStarted(byId[running.TrialId], Math.Max(running.EpochsCompleted - 1, 0), running.Host);
                if (running.EpochsCompleted != before?.EpochsCompleted && running.RowJson is not null)
                    progress?.TrialEpoch(new TrialEpoch(running.TrialId, byId[running.TrialId].Epochs, SweepJson.Read<EpochRow>(running.RowJson, "a progress row")));
                shown[running.TrialId] = running;
            }
            if (saved.Count < trials.Count)
                await Task.Delay(PollInterval, cancellationToken);
        }
        return [.. trials.Select(t => folder.FindResult(t.Id)!)];
    }

    // While a silo is being declared dead, calls to grains it hosted fail or time out; the cluster answers again once it has moved them.
    private static async Task<T> Retry<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await call().WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or SiloUnavailableException or RedisException && attempt < 600)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            }
        }
    }
}
