using Orleans;
using Orleans.Concurrency;

namespace Mlp.Sweeps.Cluster;

/// <summary>
/// A sweep on the cluster, keyed by its id: keeps the definition, its trials and their results in grain state
/// (Redis), starts the trials' grains, and answers clients following it. Messages carry JSON text (the library's
/// <see cref="SweepJson"/>), so the library's types stay free of Orleans.
/// </summary>
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>
    /// Validates the definition against the silo's own models, records it and starts its trials. Submitting the same
    /// definition again under the same id changes nothing (a client re-attaching); another one is refused.
    /// </summary>
    Task<SubmitReply> Submit(string definitionJson);

    /// <summary>The definition, or null when no sweep has this id.</summary>
    Task<string?> GetDefinition();

    /// <summary>The trials finished so far (results as JSON) and those running.</summary>
    Task<SweepView> GetView();

    /// <summary>A trial reports an epoch (for the clients' progress); one-way, so training never waits on it.</summary>
    [OneWay]
    Task TrialProgress(RunningTrial trial);

    /// <summary>A trial finished; recorded once however often it is reported.</summary>
    Task TrialFinished(string trialId, string resultJson);
}

/// <summary>
/// One trial of a sweep, keyed <c>{sweepId}/{trialId}</c>: trains on a worker thread of its silo, checkpoints into its
/// grain state after every epoch, and keeps a reminder while unfinished, so that if its silo dies the reminder
/// activates it on another silo, which resumes from the last checkpoint.
/// </summary>
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Records the trial's settings (first time) and starts training if it is neither running nor finished.</summary>
    Task Start(string settingsJson);

    /// <summary>Keeps the checkpoint of a completed epoch (from the training thread).</summary>
    Task SaveCheckpoint(byte[] checkpoint, int epochsCompleted, string rowJson);

    /// <summary>Records the result and model (from the training thread) and reports the result to the sweep.</summary>
    Task Complete(string resultJson, byte[]? model);

    /// <summary>The training thread stopped without a result (an error); the next reminder tick starts it again.</summary>
    Task Abandoned();

    /// <summary>The trained model's safetensors bytes, or null before the trial finished or when it diverged.</summary>
    Task<byte[]?> GetModel();
}

/// <summary>The answer to <see cref="ISweepGrain.Submit"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record SubmitReply([property: Id(0)] string? Error, [property: Id(1)] int Trials);

/// <summary>A sweep as its clients see it.</summary>
[GenerateSerializer, Immutable]
public sealed record SweepView([property: Id(0)] int Total, [property: Id(1)] IReadOnlyList<string> ResultJsons, [property: Id(2)] IReadOnlyList<RunningTrial> Running);

/// <summary>A trial under way: its id, epochs completed, where it runs and its last statistics row as JSON (null before the first epoch).</summary>
[GenerateSerializer, Immutable]
public sealed record RunningTrial([property: Id(0)] string TrialId, [property: Id(1)] int EpochsCompleted, [property: Id(2)] string Host, [property: Id(3)] string? RowJson);
