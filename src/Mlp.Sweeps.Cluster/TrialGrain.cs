using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace Mlp.Sweeps.Cluster;

/// <summary>
/// Trains one trial (see <see cref="ITrialGrain"/>). The training runs on one of the silo's <see cref="TrialWorkers"/>;
/// it reports back through grain calls, which Orleans runs one at a time on the grain, so the state is only ever touched
/// there. Training is deterministic, so a checkpoint or result reported twice (by a run on a silo declared dead that was
/// in fact still finishing an epoch) is the same one: an older epoch is ignored, a second result changes nothing.
/// Placed on a silo chosen at random, so a sweep's trials spread over the cluster from its first trial: activation-count
/// placement relies on statistics a fresh cluster has not yet exchanged, and then put a whole burst of trials on the
/// silo that started them (the in-process cluster test saw every trial on one silo).
/// </summary>
[RandomPlacement]
public sealed class TrialGrain(
    [PersistentState("trial", ClusterTuning.Storage)] IPersistentState<TrialState> state,
    SiloTrials silo,
    IGrainFactory grains,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain, IRemindable
{
    private const string ResumeReminder = "resume";
    private CancellationTokenSource? _running;

    private string SweepId => this.GetPrimaryKeyString().Split('/')[0];

    private string TrialId => this.GetPrimaryKeyString().Split('/')[1];

    /// <inheritdoc />
    public async Task Start(string settingsJson)
    {
        if (state.State.SettingsJson is null)
        {
            // Whoever calls, only valid settings naming this silo's own models are ever kept (and so ever retried).
            SweepJson.Read<TrialSettings>(settingsJson, $"trial {TrialId}'s settings").Validate(silo.Registry);
            state.State.SettingsJson = settingsJson;
            await state.WriteStateAsync();
        }
        await this.RegisterOrUpdateReminder(ResumeReminder, ClusterTuning.ReminderPeriod, ClusterTuning.ReminderPeriod);
        await EnsureRunning();
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.SettingsJson is null)
            return;
        await EnsureRunning();
    }

    /// <inheritdoc />
    public async Task SaveCheckpoint(byte[] checkpoint, int epochsCompleted, string rowJson)
    {
        if (state.State.ResultJson is not null || epochsCompleted <= state.State.EpochsCompleted)
            return;
        state.State.Checkpoint = checkpoint;
        state.State.EpochsCompleted = epochsCompleted;
        await state.WriteStateAsync();
        await grains.GetGrain<ISweepGrain>(SweepId).TrialProgress(new RunningTrial(TrialId, epochsCompleted, silo.Host, rowJson));
    }

    /// <inheritdoc />
    public async Task Complete(string resultJson, byte[]? model)
    {
        _running = null;
        if (state.State.ResultJson is null)
        {
            state.State.ResultJson = resultJson;
            state.State.Model = model;
            state.State.Checkpoint = null;
            await state.WriteStateAsync();
        }
        await Report();
    }

    /// <inheritdoc />
    public Task Abandoned()
    {
        _running = null;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<byte[]?> GetModel() => Task.FromResult(state.State.Model);

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The trial stops between epochs; its checkpoint and reminder stay, so it resumes on whichever silo the reminder wakes.
        _running?.Cancel();
        return Task.CompletedTask;
    }

    private async Task EnsureRunning()
    {
        if (state.State.ResultJson is not null)
        {
            await Report();
            return;
        }
        if (_running is not null)
            return;
        _running = new CancellationTokenSource();
        // A trial takes minutes; the activation must not be collected as idle meanwhile.
        DelayDeactivation(TimeSpan.FromDays(7));
        TrialSettings settings = SweepJson.Read<TrialSettings>(state.State.SettingsJson!, $"trial {TrialId}");
        TrialCheckpoint? checkpoint = state.State.Checkpoint is { } bytes ? TrialCheckpoint.FromBytes(bytes, $"trial {TrialId}'s checkpoint") : null;
        var self = grains.GetGrain<ITrialGrain>(this.GetPrimaryKeyString());
        CancellationToken token = _running.Token;
        logger.LogInformation("Trial {Trial} of sweep {Sweep} queued on {Host}, from epoch {Epoch}", TrialId, SweepId, silo.Host, checkpoint?.EpochsCompleted ?? 0);
        silo.Workers.Enqueue(() => Train(self, settings, checkpoint, token));
    }

    private async Task Report()
    {
        if (state.State.Reported)
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder)
                await this.UnregisterReminder(reminder);
            return;
        }
        await grains.GetGrain<ISweepGrain>(SweepId).TrialFinished(TrialId, state.State.ResultJson!);
        state.State.Reported = true;
        await state.WriteStateAsync();
        if (await this.GetReminder(ResumeReminder) is { } done)
            await this.UnregisterReminder(done);
    }

    // On a worker thread, outside the grain: everything it changes goes through grain calls.
    private void Train(ITrialGrain self, TrialSettings settings, TrialCheckpoint? checkpoint, CancellationToken token)
    {
        if (token.IsCancellationRequested)
            return;
        try
        {
            var trainer = new TrialTrainer(silo.Registry, silo.Data);
            var store = new GrainCheckpoints(self, checkpoint);
            TrialOutcome outcome = trainer.Run(settings, silo.Host, store, null, token);
            self.Complete(SweepJson.Write(outcome.Result), outcome.Model).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Deactivated: the reminder resumes the trial from its last checkpoint.
        }
        catch (Exception e)
        {
            // Left to the reminder: the next tick starts the trial again from its last checkpoint.
            logger.LogError(e, "Trial {Trial} of sweep {Sweep} failed on {Host}; its reminder will retry it", TrialId, SweepId, silo.Host);
            try
            {
                self.Abandoned().GetAwaiter().GetResult();
            }
            catch (Exception report)
            {
                // Unreachable grain: the activation is gone with its running flag, and the reminder starts afresh.
                logger.LogWarning(report, "Trial {Trial} could not report its failure", TrialId);
            }
        }
    }

    /// <summary>Checkpoints kept in the grain's state: loaded once at the start, saved through a grain call after each epoch.</summary>
    private sealed class GrainCheckpoints(ITrialGrain grain, TrialCheckpoint? initial) : ITrialCheckpoints
    {
        public TrialCheckpoint? Load(string trialId) => initial;

        public void Save(TrialCheckpoint checkpoint) =>
            grain.SaveCheckpoint(checkpoint.ToBytes(), checkpoint.EpochsCompleted, SweepJson.Write(checkpoint.Rows[^1])).GetAwaiter().GetResult();
    }
}
