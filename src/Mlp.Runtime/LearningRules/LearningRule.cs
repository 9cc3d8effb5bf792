using Mlp.Kernels;
using Mlp.Kernels.Elementwise;
using Mlp.Threading;

namespace Mlp.LearningRules;

/// <summary>
/// A gradient-based learning rule (the course's <c>mlp.learning_rules</c>): bound to a model with
/// <see cref="Initialise"/>, it updates the model's whole contiguous parameter buffer in place from its gradient buffer
/// on each <see cref="UpdateParameters"/>, skipping frozen parameters.
/// </summary>
/// <remarks>
/// State buffers (momenta, moment estimates) are allocated once by <see cref="Initialise"/>, so updates allocate
/// nothing. A frozen parameter's values and state are left untouched; unfreezing it resumes from that state.
/// </remarks>
public abstract class LearningRule
{
    private double _learningRate;
    private IModel? _model;
    private UnfrozenRanges? _ranges;
    private ParameterSplit? _split;
    private float[][] _state = [];

    /// <summary>Sets the initial learning rate.</summary>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="learningRate"/> is not finite and positive.</exception>
    protected LearningRule(double learningRate) => _learningRate = HyperParameter.Positive(learningRate, nameof(learningRate));

    /// <summary>The scale of the updates; schedulers change it between epochs. Finite and greater than 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite and positive.</exception>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = HyperParameter.Positive(value, nameof(LearningRate));
    }

    /// <summary>The model bound by <see cref="Initialise"/>, or null before.</summary>
    public IModel? Model => _model;

    /// <summary>The number of updates applied since <see cref="Initialise"/> or <see cref="Reset"/> (Adam's <c>t</c>).</summary>
    public long StepCount { get; private set; }

    /// <summary>How many buffers of per-parameter state the rule keeps (0 for plain gradient descent).</summary>
    protected abstract int StateBufferCount { get; }

    /// <summary>
    /// Binds the rule to <paramref name="model"/>'s parameter and gradient buffers and allocates zeroed state;
    /// calling it again rebinds and starts afresh.
    /// </summary>
    /// <exception cref="ArgumentException">The model's value and gradient buffers differ in length.</exception>
    public void Initialise(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int length = model.AllValues.Length;
        if (model.AllGradients.Length != length)
            throw new ArgumentException($"The model has {length} parameter values but {model.AllGradients.Length} gradients; they must match.", nameof(model));
        _ranges = new UnfrozenRanges(model.Parameters);
        _split = new ParameterSplit(model.Parameters, length);
        _state = new float[StateBufferCount][];
        for (int i = 0; i < _state.Length; i++)
            _state[i] = new float[length];
        _model = model;
        StepCount = 0;
    }

    /// <summary>Applies one update to every unfrozen parameter from the model's current gradients.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Initialise"/> has not been called.</exception>
    public void UpdateParameters()
    {
        IModel model = _model ?? throw NotInitialised();
        UnfrozenRanges ranges = _ranges!;
        ranges.Refresh();
        long step = StepCount + 1;
        PrepareStep(step);
        Span<float> values = model.AllValues;
        ReadOnlySpan<float> gradients = model.AllGradients;
        // With nothing frozen, the built-in rules follow the products' cut of the parameters between threads
        // (ParameterSplit); otherwise the driver cuts each unfrozen run as a flat run.
        bool finite;
        if (ranges.Count == 1 && ranges.Length(0) == values.Length)
        {
            finite = UpdateRun(values, gradients, 0, _split);
        }
        else
        {
            finite = true;
            for (int r = 0; r < ranges.Count; r++)
            {
                int start = ranges.Start(r), length = ranges.Length(r);
                finite &= UpdateRun(values.Slice(start, length), gradients.Slice(start, length), start, null);
            }
        }
        StepCount = step;
        UpdatedValuesFinite = finite;
    }

    /// <summary>
    /// Whether every value the last <see cref="UpdateParameters"/> wrote (every unfrozen parameter) is finite: the
    /// optimiser's divergence check, made as the values are written rather than in a second sweep.
    /// </summary>
    internal bool UpdatedValuesFinite { get; private set; } = true;

    /// <summary>Zeroes the state buffers and the step count, as after <see cref="Initialise"/>; the learning rate is kept.</summary>
    public void Reset()
    {
        foreach (float[] buffer in _state)
            Array.Clear(buffer);
        StepCount = 0;
    }

    /// <summary>A copy of the rule's state (step count, learning rate, state buffers) for a checkpoint.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Initialise"/> has not been called.</exception>
    public LearningRuleState SaveState()
    {
        if (_model is null)
            throw NotInitialised();
        return new LearningRuleState(GetType().Name, StepCount, LearningRate, _state);
    }

    /// <summary>Restores a state saved by <see cref="SaveState"/> from a rule of the same type bound to a model of the same size.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Initialise"/> has not been called.</exception>
    /// <exception cref="ArgumentException">The state is from another type of rule, or its buffers do not fit the model.</exception>
    public void RestoreState(LearningRuleState state)
    {
        CheckState(state);
        for (int i = 0; i < _state.Length; i++)
            state.Buffers[i].Span.CopyTo(_state[i]);
        StepCount = state.StepCount;
        LearningRate = state.LearningRate;
    }

    /// <summary>Throws as <see cref="RestoreState"/> would, changing nothing: a restore checks every part before changing any.</summary>
    internal void CheckState(LearningRuleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_model is null)
            throw NotInitialised();
        if (state.Rule != GetType().Name)
            throw new ArgumentException($"The state was saved by a {state.Rule}, not a {GetType().Name}.", nameof(state));
        if (state.Buffers.Count != _state.Length)
            throw new ArgumentException($"The state has {state.Buffers.Count} buffers but a {GetType().Name} keeps {_state.Length}.", nameof(state));
        for (int i = 0; i < _state.Length; i++)
        {
            if (state.Buffers[i].Length != _state[i].Length)
                throw new ArgumentException($"State buffer {i} has {state.Buffers[i].Length} values but the model has {_state[i].Length} parameters.", nameof(state));
        }
    }

    /// <summary>The work of one parameter's update in multiply-adds of a matrix product (about 4 for gradient descent, 16 for Adam), for the decision to share.</summary>
    private protected const int CostPerParameter = 8;

    /// <summary>
    /// Updates a run of unfrozen parameters (<paramref name="offset"/> is where it starts in the model's buffers) and
    /// says whether every new value is finite. The built-in rules run their update as an <see cref="IElementwiseOperator"/>,
    /// which shares long runs between the kernel threads with the same bits as on one (following
    /// <paramref name="split"/>, given when the run is the whole buffer) and checks the values as it writes them; a rule
    /// from elsewhere runs <see cref="UpdateRange"/> on the calling thread and has its run swept after the update.
    /// </summary>
    private protected virtual bool UpdateRun(Span<float> values, ReadOnlySpan<float> gradients, int offset, ParameterSplit? split)
    {
        UpdateRange(values, gradients, offset);
        return FiniteCheck.All(values);
    }

    /// <summary>Called once per <see cref="UpdateParameters"/> before any range is updated, e.g. for step-dependent factors.</summary>
    /// <param name="step">The 1-based number of the update about to be applied.</param>
    protected virtual void PrepareStep(long step)
    {
    }

    /// <summary>Updates one contiguous run of unfrozen parameters in place.</summary>
    /// <param name="values">The parameter values of the run.</param>
    /// <param name="gradients">Their gradients.</param>
    /// <param name="offset">Where the run starts in the model's buffers (and in the state buffers).</param>
    protected abstract void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset);

    /// <summary>The part of state buffer <paramref name="buffer"/> matching a run of <paramref name="length"/> parameters at <paramref name="offset"/>.</summary>
    protected Span<float> StateSlice(int buffer, int offset, int length) => _state[buffer].AsSpan(offset, length);

    private InvalidOperationException NotInitialised() =>
        new($"The {GetType().Name} is not bound to a model: call Initialise(model) first.");
}
