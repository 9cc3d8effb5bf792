using Mlp.Training;

namespace Mlp.Examples.Progress;

/// <summary>Shows the progress of training runs, one run at a time.</summary>
public interface IProgressDisplay
{
    /// <summary>Starts showing a run of <paramref name="epochs"/> epochs.</summary>
    /// <param name="name">What the run is called, e.g. <c>Exercise 1: linear autoencoder</c>.</param>
    /// <param name="epochs">The number of epochs the run will train, at least 1.</param>
    /// <exception cref="InvalidOperationException">A run is already being shown.</exception>
    void StartRun(string name, int epochs);

    /// <summary>Reports an epoch of the current run: its training time and, when it took them, its statistics.</summary>
    /// <exception cref="InvalidOperationException">No run has been started.</exception>
    void ReportEpoch(TrainingProgress progress);

    /// <summary>Ends the current run's display.</summary>
    /// <exception cref="InvalidOperationException">No run has been started.</exception>
    void FinishRun();
}
