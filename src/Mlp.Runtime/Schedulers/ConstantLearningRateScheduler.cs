using System.Globalization;
using Mlp.LearningRules;

namespace Mlp.Schedulers;

/// <summary>Sets the same learning rate at every epoch (the course's <c>ConstantLearningRateScheduler</c>).</summary>
/// <param name="learningRate">Finite and greater than 0.</param>
public sealed class ConstantLearningRateScheduler(double learningRate) : ILearningRateScheduler
{
    /// <summary>The learning rate set at every epoch.</summary>
    public double LearningRate { get; } = HyperParameter.Positive(learningRate, nameof(learningRate));

    /// <inheritdoc />
    public double LearningRateAt(int epochNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epochNumber);
        return LearningRate;
    }

    /// <inheritdoc />
    public double UpdateLearningRule(LearningRule learningRule, int epochNumber)
    {
        ArgumentNullException.ThrowIfNull(learningRule);
        double rate = LearningRateAt(epochNumber);
        learningRule.LearningRate = rate;
        return rate;
    }

    /// <summary>Returns e.g. <c>ConstantLearningRateScheduler(0.01)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(ConstantLearningRateScheduler)}({LearningRate})");
}
