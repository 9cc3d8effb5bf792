namespace Mlp.Examples.Progress;

/// <summary>
/// Shows the progress of training runs, several at once when the notebook's parts run concurrently (one bar or one
/// stream of named lines each), and the parts' one-off lines. Every member may be called from any thread.
/// </summary>
public interface IProgressDisplay : IDisposable
{
    /// <summary>Starts showing a run of <paramref name="epochs"/> epochs; the handle reports its epochs and ends it.</summary>
    /// <param name="name">What the run is called, e.g. <c>Exercise 1: linear autoencoder</c>; unique among the runs shown at once.</param>
    /// <param name="epochs">The number of epochs the run will train, at least 1.</param>
    /// <exception cref="InvalidOperationException">A run of that name is already being shown, or the display has been disposed.</exception>
    IRunProgress StartRun(string name, int epochs);

    /// <summary>Writes one whole line (e.g. what a part is about to train), never interleaved with another.</summary>
    void WriteLine(string line);
}

/// <summary>One run's progress on a <see cref="IProgressDisplay"/>; used from the thread that trains it.</summary>
public interface IRunProgress
{
    /// <summary>Reports an epoch: its training time and, when it took them, its statistics.</summary>
    /// <exception cref="InvalidOperationException">The run has finished.</exception>
    void ReportEpoch(Mlp.Training.TrainingProgress progress);

    /// <summary>Ends the run's display.</summary>
    /// <exception cref="InvalidOperationException">The run has already finished.</exception>
    void Finish();
}
