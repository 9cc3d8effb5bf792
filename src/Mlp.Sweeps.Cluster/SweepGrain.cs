using System.Collections.Concurrent;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Mlp.Sweeps.Cluster;

/// <summary>
/// A sweep's bookkeeping (see <see cref="ISweepGrain"/>). The definition is validated here against the silo's own
/// registry, so a request can name no model the silo was not built with. Results are kept by trial id: a trial
/// reported twice counts once. Reentrant, because <see cref="Submit"/> waits on trial grains that may meanwhile
/// report to it; its state writes are serialised by a lock instead.
/// </summary>
[Reentrant]
public sealed class SweepGrain(
    [PersistentState("sweep", ClusterTuning.Storage)] IPersistentState<SweepState> state,
    SiloTrials silo,
    IGrainFactory grains) : Grain, ISweepGrain
{
    // Progress of running trials, for clients; not persisted (a moved sweep grain learns it again at the next epochs).
    private readonly ConcurrentDictionary<string, RunningTrial> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);

    /// <inheritdoc />
    public async Task<SubmitReply> Submit(string definitionJson)
    {
        IReadOnlyList<TrialSettings> trials;
        try
        {
            SweepDefinition definition = SweepJson.Read<SweepDefinition>(definitionJson, "the submitted sweep");
            trials = definition.Expand(silo.Registry);
        }
        catch (Exception e) when (e is SweepDefinitionException or InvalidDataException)
        {
            return new SubmitReply(e.Message, 0);
        }
        if (state.State.DefinitionJson is null)
        {
            state.State.DefinitionJson = definitionJson;
            state.State.Trials = [.. trials.Select(t => KeyValuePair.Create(t.Id, SweepJson.Write(t)))];
            await Write();
        }
        else if (!state.State.Trials.Select(t => t.Key).SequenceEqual(trials.Select(t => t.Id)))
        {
            return new SubmitReply($"sweep {this.GetPrimaryKeyString()} already holds another definition", 0);
        }
        // Starting a started trial changes nothing, so a re-submission also restarts anything that was lost.
        foreach (var (id, settings) in state.State.Trials.Where(t => !state.State.Results.ContainsKey(t.Key)))
            await grains.GetGrain<ITrialGrain>($"{this.GetPrimaryKeyString()}/{id}").Start(settings);
        return new SubmitReply(null, trials.Count);
    }

    private async Task Write()
    {
        await _writing.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <inheritdoc />
    public Task<string?> GetDefinition() => Task.FromResult(state.State.DefinitionJson);

    /// <inheritdoc />
    public Task<SweepView> GetView() => Task.FromResult(new SweepView(state.State.Trials.Count,
        [.. state.State.Trials.Where(t => state.State.Results.ContainsKey(t.Key)).Select(t => state.State.Results[t.Key])],
        [.. _running.Values.Where(r => !state.State.Results.ContainsKey(r.TrialId))]));

    /// <inheritdoc />
    public Task TrialProgress(RunningTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        _running.AddOrUpdate(trial.TrialId, trial, (_, old) => trial.EpochsCompleted >= old.EpochsCompleted ? trial : old);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task TrialFinished(string trialId, string resultJson)
    {
        _running.TryRemove(trialId, out _);
        if (state.State.Results.ContainsKey(trialId) || !state.State.Trials.Any(t => t.Key == trialId))
            return;
        state.State.Results[trialId] = resultJson;
        await Write();
    }
}
