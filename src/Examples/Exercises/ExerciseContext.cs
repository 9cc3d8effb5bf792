using Mlp.Examples.Data;
using Mlp.Examples.Options;
using Mlp.Examples.Progress;
using Mlp.Examples.Scheduling;

namespace Mlp.Examples.Exercises;

/// <summary>What every exercise gets: the settings, the data, where to write, and how to show progress.</summary>
/// <param name="Options">The run's settings.</param>
/// <param name="Data">The MNIST images, split as the course splits them.</param>
/// <param name="OutputFolder">The folder figures go to (it exists and can be written).</param>
/// <param name="Progress">Shows training runs' progress and the exercises' one-off lines (thread-safe).</param>
public sealed record ExerciseContext(ExampleOptions Options, MnistSplit Data, string OutputFolder, IProgressDisplay Progress)
{
    /// <summary>The exercise's share of the threads when parts run concurrently; null uses <c>--threads</c> throughout.</summary>
    public ThreadShare? Threads { get; init; }

    /// <summary>The threads the exercise may use now (PCA's covariance and reconstruction passes).</summary>
    public int ThreadCount => Threads?.Current ?? Options.Threads;

    /// <summary>Writes one line of the exercise's log (never interleaved with another part's).</summary>
    public void Log(string line) => Progress.WriteLine(line);
}
