using System.Collections.Immutable;

namespace Mlp.Data;

/// <summary>
/// A decorator over any <see cref="DataProvider"/> that serves its source's batches with the inputs transformed:
/// each batch's inputs are copied into a buffer this provider owns and <see cref="Transform"/> changes the copy,
/// so the source's data and the targets stay clean (even when the targets share memory with the inputs, as in
/// <see cref="MnistAutoencoderDataProvider"/>). Order, batch size and epochs are the source's; the transform draws
/// from this provider's own seeded <see cref="Random"/>.
/// </summary>
/// <remarks>
/// <see cref="AllInputs"/>, <see cref="AllTargets"/> and <see cref="AllLabels"/> are the source's clean data, for
/// evaluation. Iterating the source directly while using the decorator advances the same epoch.
/// </remarks>
public abstract class InputTransformingDataProvider : DataProvider
{
    private readonly float[] _buffer;

    /// <summary>Wraps <paramref name="source"/>, drawing the transform's randomness from a generator seeded with <paramref name="seed"/>.</summary>
    protected InputTransformingDataProvider(DataProvider source, long seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        Random = new RandomGenerator(seed);
        _buffer = new float[source.BatchSize * source.InputDim];
    }

    /// <summary>The provider whose batches are transformed.</summary>
    public DataProvider Source { get; }

    /// <summary>The transform's generator (the source keeps its own for shuffling).</summary>
    public sealed override RandomGenerator Random { get; }

    /// <inheritdoc />
    public sealed override int BatchSize => Source.BatchSize;

    /// <inheritdoc />
    public sealed override int MaxNumBatches => Source.MaxNumBatches;

    /// <inheritdoc />
    public sealed override bool ShuffleOrder => Source.ShuffleOrder;

    /// <inheritdoc />
    public sealed override int InputDim => Source.InputDim;

    /// <inheritdoc />
    public sealed override int TargetDim => Source.TargetDim;

    /// <inheritdoc />
    public sealed override int NumExamples => Source.NumExamples;

    /// <inheritdoc />
    public sealed override int CurrentBatch => Source.CurrentBatch;

    /// <summary>The source's clean inputs in the original order (the transform applies to served batches only).</summary>
    public sealed override ReadOnlySpan<float> AllInputs => Source.AllInputs;

    /// <inheritdoc />
    public sealed override ReadOnlySpan<float> AllTargets => Source.AllTargets;

    /// <inheritdoc />
    public sealed override ReadOnlySpan<int> AllLabels => Source.AllLabels;

    /// <inheritdoc />
    public sealed override bool TryGetNextBatch(out DataBatch batch)
    {
        if (!Source.TryGetNextBatch(out DataBatch clean))
        {
            batch = default;
            return false;
        }

        Span<float> inputs = _buffer.AsSpan(0, clean.Inputs.Length);
        clean.Inputs.CopyTo(inputs);
        Transform(inputs, Random);
        batch = new DataBatch(inputs, clean.Targets, clean.Labels, clean.Indices, clean.Size);
        return true;
    }

    /// <summary>Resets the source (see <see cref="DataProvider.Reset"/>); the transform's generator is left as it is.</summary>
    public sealed override void Reset() => Source.Reset();

    /// <summary>Saves the transform's generator state with the source's state nested in <see cref="DataProviderState.Source"/>.</summary>
    public sealed override DataProviderState GetState() =>
        new(ImmutableArray<int>.Empty, 0, Random.State, Source.GetState());

    /// <inheritdoc />
    public sealed override void SetState(DataProviderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Source is null)
            throw new ArgumentException("The state has no source state: it was not saved from a decorator.", nameof(state));
        if (!state.Order.IsEmpty || state.CurrentBatch != 0)
            throw new ArgumentException("A decorator's state keeps its order and position in its source state; these must be empty and 0.", nameof(state));
        if ((state.Random.S0 | state.Random.S1 | state.Random.S2 | state.Random.S3) == 0)
            throw new ArgumentException("The state's generator state is all zero, which no generator can be in.", nameof(state));
        Source.SetState(state.Source); // validates before changing anything
        Random.State = state.Random;
    }

    /// <summary>
    /// Changes one batch's inputs in place: row-major <c>BatchSize × InputDim</c>, a copy of the source's batch.
    /// Must not allocate if the provider is to stay allocation-free per batch.
    /// </summary>
    /// <param name="inputs">The copied inputs to change.</param>
    /// <param name="random">This provider's generator; draw every random number from it so runs reproduce.</param>
    protected abstract void Transform(Span<float> inputs, RandomGenerator random);
}
