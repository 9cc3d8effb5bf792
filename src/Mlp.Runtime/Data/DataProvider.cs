namespace Mlp.Data;

/// <summary>
/// Serves a data set as mini-batches, as the course's <c>mlp.data_providers.DataProvider</c>: each epoch walks the
/// examples in the current order, <see cref="BatchSize"/> at a time, serving only whole batches and at most
/// <see cref="MaxNumBatches"/> of them; when <see cref="ShuffleOrder"/> is set, the order is reshuffled with the
/// seeded <see cref="Random"/> generator whenever a new epoch begins (on construction, and when an epoch runs out).
/// </summary>
/// <remarks>
/// <para>
/// Iterate one epoch with <c>foreach (var batch in provider) { … batch.Inputs … batch.Targets … }</c>. The
/// enumerator is a <c>ref struct</c> and batches are gathered into buffers the provider owns, so an epoch allocates
/// nothing; a batch's spans are valid until the next batch is served. As in the course, the provider itself keeps
/// the position: a loop left early (<c>break</c>) is continued by the next <c>foreach</c>, which finishes that epoch;
/// a loop that runs to the end finishes the epoch and starts the next one (reshuffling), so each complete
/// <c>foreach</c> is exactly one epoch.
/// </para>
/// <para>
/// <see cref="AllInputs"/>, <see cref="AllTargets"/> and <see cref="AllLabels"/> give the whole set in its original
/// order, untouched by shuffling, for evaluation. <see cref="GetState"/> and <see cref="SetState"/> save and restore
/// the order, position and generator for checkpoints. Providers are not thread-safe.
/// </para>
/// </remarks>
public abstract class DataProvider
{
    /// <summary>The default seed of a provider's generator: the course's <c>DEFAULT_SEED</c> (123456).</summary>
    public const long DefaultSeed = 123456;

    /// <summary>The number of examples per batch; at least 1 and at most <see cref="NumExamples"/>.</summary>
    public abstract int BatchSize { get; }

    /// <summary>The most batches served per epoch, or -1 for as many as the data holds.</summary>
    public abstract int MaxNumBatches { get; }

    /// <summary>Whether the order is reshuffled at the start of every epoch.</summary>
    public abstract bool ShuffleOrder { get; }

    /// <summary>
    /// The seeded generator this provider draws from: the shuffling generator of a provider that owns its data, or
    /// the transform's generator of a decorator (whose shuffling is its source's). Saved by <see cref="GetState"/>.
    /// </summary>
    public abstract RandomGenerator Random { get; }

    /// <summary>The number of input features per example.</summary>
    public abstract int InputDim { get; }

    /// <summary>The number of target values per example.</summary>
    public abstract int TargetDim { get; }

    /// <summary>The number of examples in the whole data set.</summary>
    public abstract int NumExamples { get; }

    /// <summary>Whether the examples have integer labels (<see cref="AllLabels"/> and <see cref="DataBatch.Labels"/> non-empty).</summary>
    public bool HasLabels => !AllLabels.IsEmpty;

    /// <summary>
    /// The number of batches per epoch: the whole batches the data holds (<c>NumExamples / BatchSize</c>, the
    /// remainder skipped), capped by <see cref="MaxNumBatches"/> unless that is -1.
    /// </summary>
    public int NumBatches
    {
        get
        {
            int possible = NumExamples / BatchSize;
            return MaxNumBatches == -1 ? possible : Math.Min(MaxNumBatches, possible);
        }
    }

    /// <summary>How many batches of the current epoch have been served (the course's <c>_curr_batch</c>).</summary>
    public abstract int CurrentBatch { get; }

    /// <summary>Every example's inputs in the original order, row-major <see cref="NumExamples"/> × <see cref="InputDim"/>.</summary>
    public abstract ReadOnlySpan<float> AllInputs { get; }

    /// <summary>Every example's targets in the original order, row-major <see cref="NumExamples"/> × <see cref="TargetDim"/>.</summary>
    public abstract ReadOnlySpan<float> AllTargets { get; }

    /// <summary>Every example's integer label in the original order, or empty when the data has no labels.</summary>
    public abstract ReadOnlySpan<int> AllLabels { get; }

    /// <summary>
    /// Serves the next batch of the current epoch. At the end of the epoch it returns <c>false</c> and starts the
    /// next epoch (reshuffling when <see cref="ShuffleOrder"/> is set), like the course's <c>next()</c> raising
    /// <c>StopIteration</c>. This is what <c>foreach</c> calls; the batch's spans are valid until the next call.
    /// </summary>
    /// <param name="batch">The batch served, or <c>default</c> when the epoch has ended.</param>
    public abstract bool TryGetNextBatch(out DataBatch batch);

    /// <summary>
    /// Returns to the original order and restarts the epoch, as the course's <c>reset()</c>: the generator is not
    /// reseeded, so when <see cref="ShuffleOrder"/> is set the restarted epoch is a fresh shuffle of the original
    /// order drawn from the generator's current state; otherwise it is the original order.
    /// </summary>
    public abstract void Reset();

    /// <summary>Saves the current order, position and generator state (see <see cref="DataProviderState"/>).</summary>
    public abstract DataProviderState GetState();

    /// <summary>
    /// Restores a state saved by <see cref="GetState"/> from a provider over the same data and settings, so that the
    /// following batches are exactly those the saved provider would have served.
    /// </summary>
    /// <exception cref="ArgumentException">The state does not fit this provider (wrong kind, size or position).</exception>
    public abstract void SetState(DataProviderState state);

    /// <summary>Returns the enumerator that <c>foreach</c> uses to walk the rest of the current epoch.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Walks the current epoch's batches without allocating; obtained through <c>foreach</c>.</summary>
    public ref struct Enumerator
    {
        private readonly DataProvider _provider;
        private DataBatch _current;

        internal Enumerator(DataProvider provider)
        {
            _provider = provider;
            _current = default;
        }

        /// <summary>The batch served by the last successful <see cref="MoveNext"/>.</summary>
        public readonly DataBatch Current => _current;

        /// <summary>Serves the next batch; <c>false</c> once the epoch has ended (the next epoch has then begun).</summary>
        public bool MoveNext() => _provider.TryGetNextBatch(out _current);
    }
}
