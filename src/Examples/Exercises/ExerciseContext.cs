using Mlp.Examples.Data;
using Mlp.Examples.Options;
using Mlp.Examples.Progress;

namespace Mlp.Examples.Exercises;

/// <summary>What every exercise gets: the settings, the data, where to write, and how to show progress.</summary>
/// <param name="Options">The run's settings.</param>
/// <param name="Data">The MNIST images, split as the course splits them.</param>
/// <param name="OutputFolder">The folder figures go to (it exists and can be written).</param>
/// <param name="Progress">Shows training runs' progress.</param>
/// <param name="Console">Where one-off lines go.</param>
public sealed record ExerciseContext(ExampleOptions Options, MnistSplit Data, string OutputFolder, IProgressDisplay Progress, AppConsole Console);
