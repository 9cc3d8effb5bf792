using Mlp.LearningRules;

namespace Mlp.Schedulers;

/// <summary>
/// Sets a learning rule's learning rate at the start of each epoch (the course's <c>mlp.schedulers</c>). The rate is a
/// function of the epoch number alone, so a run resumed from a checkpoint continues the same schedule.
/// </summary>
public interface ILearningRateScheduler
{
    /// <summary>The learning rate for the epoch numbered <paramref name="epochNumber"/> (0 for the first epoch).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochNumber"/> is negative.</exception>
    double LearningRateAt(int epochNumber);

    /// <summary>
    /// Sets <paramref name="learningRule"/>'s learning rate to <see cref="LearningRateAt"/> for the epoch about to run,
    /// numbered from 0 as in the course's optimiser, and returns it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochNumber"/> is negative.</exception>
    double UpdateLearningRule(LearningRule learningRule, int epochNumber);
}
