using System.Collections.Immutable;

using Mlp.Kernels;

namespace Mlp.Data;

/// <summary>
/// A <see cref="DataProvider"/> over inputs and targets held in memory (the course's <c>DataProvider</c>). It reads
/// the arrays it is given without copying them, so they must not change while it is in use. When the targets are
/// the very same memory as the inputs (an autoencoder), each batch's targets share the inputs' buffer too.
/// </summary>
public class InMemoryDataProvider : DataProvider
{
    private readonly ReadOnlyMemory<float> _inputs;
    private readonly ReadOnlyMemory<float> _targets;
    private readonly ReadOnlyMemory<int> _labels;
    private readonly bool _targetsAreInputs;
    private readonly int[] _order;
    private readonly float[] _batchInputs;
    private readonly float[] _batchTargets;
    private readonly int[] _batchLabels;
    private int _currentBatch;

    /// <summary>Creates a provider over row-major <paramref name="inputs"/> and <paramref name="targets"/> arrays.</summary>
    /// <param name="inputs">Row-major <c>numExamples × inputDim</c> inputs.</param>
    /// <param name="targets">Row-major <c>numExamples × targetDim</c> targets; may be the same array as the inputs.</param>
    /// <param name="inputDim">The number of input features per example; at least 1.</param>
    /// <param name="targetDim">The number of target values per example; at least 1.</param>
    /// <param name="batchSize">Examples per batch; from 1 to the number of examples.</param>
    /// <param name="maxNumBatches">The most batches per epoch, or -1 for all; 0 and values below -1 are rejected.</param>
    /// <param name="shuffleOrder">Whether to reshuffle the order at the start of every epoch.</param>
    /// <param name="seed">The seed of the shuffling generator.</param>
    public InMemoryDataProvider(float[] inputs, float[] targets, int inputDim, int targetDim, int batchSize = 100,
        int maxNumBatches = -1, bool shuffleOrder = true, long seed = DefaultSeed)
        : this(NotNull(inputs, nameof(inputs)), NotNull(targets, nameof(targets)), ReadOnlyMemory<int>.Empty,
            inputDim, targetDim, batchSize, maxNumBatches, shuffleOrder, seed)
    {
    }

    /// <summary>
    /// Creates a provider over memory (slices of larger arrays, for instance) with optional integer labels.
    /// </summary>
    /// <param name="inputs">Row-major <c>numExamples × inputDim</c> inputs.</param>
    /// <param name="targets">Row-major <c>numExamples × targetDim</c> targets; may be the same memory as the inputs.</param>
    /// <param name="labels">One integer label per example, or empty for none.</param>
    /// <param name="inputDim">The number of input features per example; at least 1.</param>
    /// <param name="targetDim">The number of target values per example; at least 1.</param>
    /// <param name="batchSize">Examples per batch; from 1 to the number of examples.</param>
    /// <param name="maxNumBatches">The most batches per epoch, or -1 for all; 0 and values below -1 are rejected.</param>
    /// <param name="shuffleOrder">Whether to reshuffle the order at the start of every epoch.</param>
    /// <param name="seed">The seed of the shuffling generator.</param>
    public InMemoryDataProvider(ReadOnlyMemory<float> inputs, ReadOnlyMemory<float> targets, ReadOnlyMemory<int> labels,
        int inputDim, int targetDim, int batchSize = 100, int maxNumBatches = -1, bool shuffleOrder = true,
        long seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetDim);
        if (inputs.IsEmpty || inputs.Length % inputDim != 0)
            throw new ArgumentException($"{inputs.Length} input values do not make whole rows of inputDim {inputDim} (and there must be at least one).", nameof(inputs));
        int numExamples = inputs.Length / inputDim;
        if (targets.Length != (long)numExamples * targetDim)
            throw new ArgumentException($"Expected {(long)numExamples * targetDim} target values ({numExamples} examples × targetDim {targetDim}) but got {targets.Length}.", nameof(targets));
        if (!labels.IsEmpty && labels.Length != numExamples)
            throw new ArgumentException($"Expected {numExamples} labels (one per example) or none, but got {labels.Length}.", nameof(labels));
        if (batchSize < 1 || batchSize > numExamples)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"The batch size must be from 1 to the number of examples ({numExamples}).");
        if (maxNumBatches == 0 || maxNumBatches < -1)
            throw new ArgumentOutOfRangeException(nameof(maxNumBatches), maxNumBatches, "maxNumBatches must be -1 (all batches) or positive.");

        _inputs = inputs;
        _targets = targets;
        _labels = labels;
        // Same memory and same width: a batch's targets are its inputs, so gather them once and share the buffer.
        _targetsAreInputs = inputDim == targetDim && inputs.Span == targets.Span;
        InputDim = inputDim;
        TargetDim = targetDim;
        NumExamples = numExamples;
        BatchSize = batchSize;
        MaxNumBatches = maxNumBatches;
        ShuffleOrder = shuffleOrder;
        Random = new RandomGenerator(seed);

        _batchInputs = new float[batchSize * inputDim];
        _batchTargets = _targetsAreInputs ? _batchInputs : new float[batchSize * targetDim];
        _batchLabels = labels.IsEmpty ? [] : new int[batchSize];
        _order = new int[numExamples];
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        StartNewEpoch(); // as the course's constructor, which calls new_epoch()
    }

    /// <inheritdoc />
    public sealed override int BatchSize { get; }

    /// <inheritdoc />
    public sealed override int MaxNumBatches { get; }

    /// <inheritdoc />
    public sealed override bool ShuffleOrder { get; }

    /// <inheritdoc />
    public sealed override RandomGenerator Random { get; }

    /// <inheritdoc />
    public sealed override int InputDim { get; }

    /// <inheritdoc />
    public sealed override int TargetDim { get; }

    /// <inheritdoc />
    public sealed override int NumExamples { get; }

    /// <inheritdoc />
    public sealed override int CurrentBatch => _currentBatch;

    /// <inheritdoc />
    public sealed override ReadOnlySpan<float> AllInputs => _inputs.Span;

    /// <inheritdoc />
    public sealed override ReadOnlySpan<float> AllTargets => _targets.Span;

    /// <inheritdoc />
    public sealed override ReadOnlySpan<int> AllLabels => _labels.Span;

    /// <inheritdoc />
    public sealed override bool TryGetNextBatch(out DataBatch batch)
    {
        if (_currentBatch >= NumBatches)
        {
            StartNewEpoch();
            batch = default;
            return false;
        }

        ReadOnlySpan<int> indices = _order.AsSpan(_currentBatch * BatchSize, BatchSize);
        _currentBatch++;
        // The next batch's rows are scattered over the whole data set (far larger than the caches): each row of it is
        // asked for while a row of this batch is copied, so that it arrives during this step's training instead of
        // stalling the next gather on memory.
        ReadOnlySpan<int> next = _currentBatch < NumBatches ? _order.AsSpan(_currentBatch * BatchSize, BatchSize) : [];
        Gather(_inputs.Span, InputDim, indices, next, _batchInputs);
        if (!_targetsAreInputs)
            Gather(_targets.Span, TargetDim, indices, next, _batchTargets);
        if (_batchLabels.Length != 0)
        {
            ReadOnlySpan<int> labels = _labels.Span;
            for (int r = 0; r < indices.Length; r++)
                _batchLabels[r] = labels[indices[r]];
            RowPrefetch.Rows(labels, 1, next);
        }

        batch = new DataBatch(_batchInputs, _batchTargets, _batchLabels, indices, BatchSize);
        return true;
    }

    /// <inheritdoc />
    public sealed override void Reset()
    {
        for (int i = 0; i < _order.Length; i++)
            _order[i] = i;
        StartNewEpoch();
    }

    /// <inheritdoc />
    public sealed override DataProviderState GetState() =>
        new(ImmutableArray.Create(_order), _currentBatch, Random.State);

    /// <inheritdoc />
    public sealed override void SetState(DataProviderState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Source is not null)
            throw new ArgumentException("The state was saved from a decorator (it has a source state), not from a provider that owns its data.", nameof(state));
        if (state.Order.Length != NumExamples)
            throw new ArgumentException($"The state orders {state.Order.Length} examples but this provider has {NumExamples}.", nameof(state));
        if (state.CurrentBatch > NumBatches)
            throw new ArgumentException($"The state is at batch {state.CurrentBatch} but an epoch of this provider has {NumBatches} batches.", nameof(state));
        var seen = new bool[NumExamples];
        foreach (int index in state.Order)
        {
            if ((uint)index >= (uint)NumExamples || seen[index])
                throw new ArgumentException($"The state's order is not a permutation of 0..{NumExamples - 1} (example {index} is out of range or repeated).", nameof(state));
            seen[index] = true;
        }
        if ((state.Random.S0 | state.Random.S1 | state.Random.S2 | state.Random.S3) == 0)
            throw new ArgumentException("The state's generator state is all zero, which no generator can be in.", nameof(state));

        state.Order.CopyTo(_order);
        _currentBatch = state.CurrentBatch;
        Random.State = state.Random;
    }

    /// <summary>The course's <c>new_epoch()</c>: back to the first batch, then shuffle the current order if asked.</summary>
    private void StartNewEpoch()
    {
        _currentBatch = 0;
        // Shuffling the current order in place composes a fresh uniform permutation onto it, as the course's
        // shuffle() does with `order[perm]`.
        if (ShuffleOrder)
            Random.Shuffle(_order.AsSpan());
    }

    // Copies rows `rows` of `source` into `destination`, asking for rows `next` (empty, or as many) on the way.
    private static void Gather(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> rows, ReadOnlySpan<int> next, Span<float> destination)
    {
        if (SharedGather.TryRun(source, width, rows, next, destination))
            return;
        SharedGather.Rows(source, width, rows, next, destination, 0, rows.Length);
    }

    private static T[] NotNull<T>(T[] array, string name) => array ?? throw new ArgumentNullException(name);
}
