using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using StackExchange.Redis;

namespace Mlp.Sweeps.Cluster;

/// <summary>A silo's settings.</summary>
/// <param name="Redis">The Redis <c>host:port</c> holding membership, grain state and reminders.</param>
/// <param name="ListenAddress">The address the silo listens on and advertises (loopback unless told otherwise).</param>
/// <param name="SiloPort">The port for other silos.</param>
/// <param name="GatewayPort">The port for clients.</param>
/// <param name="Parallelism">Trials trained at once.</param>
/// <param name="DataDirectory">MNIST's folder, or null to look for it.</param>
/// <param name="ClusterId">The cluster's id.</param>
public sealed record SiloSettings(string Redis, IPAddress ListenAddress, int SiloPort, int GatewayPort, int Parallelism, string? DataDirectory,
    string ClusterId = ClusterTuning.DefaultClusterId);

/// <summary>Configures a silo hosting the sweep grains: Redis clustering, storage and reminders, the shipped tuning, the trial workers.</summary>
public static class SiloHost
{
    /// <summary>Builds a silo host (not started) for <paramref name="settings"/>, training the models of <paramref name="registry"/>.</summary>
    public static IHost Build(SiloSettings settings, ModelRegistry registry, Action<ILoggingBuilder>? logging = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(registry);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, ClusterTuning.ServiceId));
            silo.ConfigureEndpoints(settings.ListenAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(settings.Redis));
            Configure(silo, settings.Redis, settings.Parallelism, settings.DataDirectory, registry);
        });
        return builder.Build();
    }

    /// <summary>Adds grain storage, reminders, the tuning and the trial workers to <paramref name="silo"/>: everything but membership, identity and endpoints, which a test cluster sets itself.</summary>
    public static void Configure(ISiloBuilder silo, string redis, int parallelism, string? dataDirectory, ModelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ConfigurationOptions Redis() => ConfigurationOptions.Parse(redis);
        silo.AddRedisGrainStorage(ClusterTuning.Storage, o => o.ConfigurationOptions = Redis());
        silo.UseRedisReminderService(o => o.ConfigurationOptions = Redis());
        silo.Configure<ClusterMembershipOptions>(ClusterTuning.Apply);
        silo.Configure<ReminderOptions>(ClusterTuning.Apply);
        silo.Services.AddSingleton(new TrialWorkers(parallelism));
        // Results name the silo by its endpoint, e.g. "silo 127.0.0.1:11111".
        silo.Services.AddSingleton(sp => new SiloTrials(registry, dataDirectory, sp.GetRequiredService<TrialWorkers>(),
            $"silo {sp.GetRequiredService<ILocalSiloDetails>().SiloAddress.Endpoint}"));
    }
}
