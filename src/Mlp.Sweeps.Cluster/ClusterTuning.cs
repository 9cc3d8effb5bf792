using Orleans.Configuration;
using Orleans.Hosting;

namespace Mlp.Sweeps.Cluster;

/// <summary>
/// The settings this project ships for its clusters, chosen so that a trial whose silo died (even by <c>kill -9</c>)
/// runs again on a surviving silo well within 90 seconds. Death: each silo probes others every
/// <see cref="ProbeTimeout"/>; <see cref="MissedProbes"/> missed probes make it suspect the silo, and two suspicions
/// declare it dead in the Redis membership table (about 6–15 s; a killed process's closed sockets fail probes at once).
/// Resumption: every unfinished trial has a reminder ticking every <see cref="ReminderPeriod"/>; when its silo is
/// declared dead, the reminder's range moves to a survivor, whose next tick activates the trial there and resumes it
/// from the checkpoint in Redis. Together: under 15 s to be declared dead plus at most one reminder period.
/// </summary>
public static class ClusterTuning
{
    /// <summary>How long a liveness probe may take before it counts as missed (Orleans' default is 5 s).</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Missed probes before a silo is suspected (Orleans' default, 3).</summary>
    public const int MissedProbes = 3;

    /// <summary>How often membership is read from Redis (Orleans' default is 60 s; gossip usually tells sooner).</summary>
    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(5);

    /// <summary>The period of each unfinished trial's reminder; Orleans' minimum period is lowered to it (its default is 1 minute).</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(10);

    /// <summary>The name of the Redis grain storage holding sweeps' bookkeeping and trials' checkpoints.</summary>
    public const string Storage = "sweeps";

    /// <summary>The default cluster id (silos and clients of one cluster must agree).</summary>
    public const string DefaultClusterId = "mlp-sweeps";

    /// <summary>The service id: grain state and reminders are keyed by it.</summary>
    public const string ServiceId = "mlp-sweeps";

    /// <summary>Applies the membership settings.</summary>
    public static void Apply(ClusterMembershipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = MissedProbes;
        options.TableRefreshTimeout = TableRefresh;
    }

    /// <summary>Applies the reminder settings.</summary>
    public static void Apply(ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MinimumReminderPeriod = ReminderPeriod;
    }
}
