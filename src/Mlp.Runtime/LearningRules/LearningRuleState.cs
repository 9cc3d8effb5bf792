namespace Mlp.LearningRules;

/// <summary>
/// A snapshot of a <see cref="LearningRule"/>'s state for checkpoints: its step count, learning rate and state buffers
/// (momenta, moment estimates, sums of squared gradients), each as long as the model's parameter buffer.
/// </summary>
public sealed class LearningRuleState
{
    private readonly ReadOnlyMemory<float>[] _buffers;

    /// <summary>Creates a snapshot, copying <paramref name="buffers"/> so later changes to them do not alter it.</summary>
    /// <param name="rule">The learning rule's type name, e.g. <c>AdamLearningRule</c>; restoring into another type is refused.</param>
    /// <param name="stepCount">The number of updates applied since initialisation or reset, at least 0.</param>
    /// <param name="learningRate">The learning rate at the time, finite and greater than 0.</param>
    /// <param name="buffers">The rule's state buffers in the rule's order.</param>
    public LearningRuleState(string rule, long stepCount, double learningRate, IReadOnlyList<float[]> buffers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rule);
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        ArgumentNullException.ThrowIfNull(buffers);
        Rule = rule;
        StepCount = stepCount;
        LearningRate = HyperParameter.Positive(learningRate, nameof(learningRate));
        _buffers = new ReadOnlyMemory<float>[buffers.Count];
        for (int i = 0; i < _buffers.Length; i++)
            _buffers[i] = (buffers[i] ?? throw new ArgumentException($"Buffer {i} is null.", nameof(buffers))).AsSpan().ToArray();
    }

    /// <summary>The learning rule's type name, e.g. <c>AdamLearningRule</c>.</summary>
    public string Rule { get; }

    /// <summary>The number of updates applied since initialisation or reset (Adam's <c>t</c>).</summary>
    public long StepCount { get; }

    /// <summary>The learning rate at the time of the snapshot (schedulers change it).</summary>
    public double LearningRate { get; }

    /// <summary>The state buffers, in the rule's order (e.g. Adam: first moments, then second moments).</summary>
    public IReadOnlyList<ReadOnlyMemory<float>> Buffers => _buffers;
}
