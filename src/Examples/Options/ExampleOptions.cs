using System.Globalization;

namespace Mlp.Examples.Options;

/// <summary>Every setting of the notebook run; the defaults are the notebook's.</summary>
public sealed record ExampleOptions
{
    /// <summary>The notebook's MNIST folder, relative to the repository root.</summary>
    public const string DefaultDataDirectory = "data/mnist";

    /// <summary>Training epochs per run (<c>--epochs</c>), at least 1.</summary>
    public int Epochs { get; init; } = 25;

    /// <summary>The largest <see cref="BatchSize"/>: the course's training set holds 50,000 images.</summary>
    public const int MaxBatchSize = 50_000;

    /// <summary>Examples per mini-batch (<c>--batch-size</c>), from 1 to <see cref="MaxBatchSize"/>.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>The seed of every random draw (<c>--seed</c>).</summary>
    public int Seed { get; init; } = 123;

    /// <summary>Where figures, CSV files, <c>results.json</c> and <c>report.md</c> go (<c>--output</c>).</summary>
    public string OutputDirectory { get; init; } = "out";

    /// <summary>How exercise 3 corrupts its inputs (<c>--noise</c>).</summary>
    public NoiseScheme Noise { get; init; } = NoiseScheme.Masking;

    /// <summary>The noise level (<c>--noise-level</c>): a probability, or a standard deviation for Gaussian noise.</summary>
    public double NoiseLevel { get; init; } = 0.25;

    /// <summary>Whether exercise 4 freezes the pre-trained first layer instead of fine-tuning it (<c>--freeze-pretrained</c>).</summary>
    public bool FreezePretrained { get; init; }

    /// <summary>The exercises to run, in the notebook's order (<c>--exercises</c>).</summary>
    public IReadOnlyList<Exercise> Exercises { get; init; } = ExerciseNames.All;

    /// <summary>
    /// At most this many batches per epoch, for smoke tests (<c>--max-batches</c>); null for every batch. A run with it
    /// also cuts the data to the first <c>MaxBatches × BatchSize</c> training images and as many validation images, so
    /// that the statistics, PCA's fit and the figures stay as quick as the training.
    /// </summary>
    public int? MaxBatches { get; init; }

    /// <summary>Exercise 1's gradient-descent learning rate (<c>--lr1</c>).</summary>
    public double GradientDescentLearningRate { get; init; } = 0.01;

    /// <summary>The Adam learning rate of exercises 2 to 4 (<c>--lr</c>).</summary>
    public double AdamLearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Threads (<c>--threads</c>, at least 1) shared by the notebook's parts: they run concurrently, each with an equal
    /// share for its training kernels (each kernel uses at most <see cref="Mlp.Kernels.KernelThreads.Max"/>) and PCA's
    /// passes. Results are bit-identical for any count and any schedule. The default is the kernels' own: the physical
    /// cores the process may use (<see cref="Mlp.Kernels.KernelThreads.DefaultCount"/>).
    /// </summary>
    public int Threads { get; init; } = Mlp.Kernels.KernelThreads.DefaultCount;

    /// <summary>Whether the parts run one after the other, each with all the threads (<c>--sequential</c>); same results.</summary>
    public bool Sequential { get; init; }

    /// <summary>The folder holding MNIST's gzipped IDX files (<c>--data-dir</c>).</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>Principal components kept by the PCA part (<c>--pca-components</c>), from 1 to 784; the notebook's 50 matches exercise 1's hidden units.</summary>
    public int PcaComponents { get; init; } = 50;

    /// <summary>
    /// Why these options are invalid, as one line naming the flag, or null when they are valid. Checks values only:
    /// whether the folders exist or can be written is <see cref="OptionsParser"/>'s concern.
    /// </summary>
    public string? Validate()
    {
        if (Epochs < 1)
            return $"--epochs must be at least 1, got {Epochs}";
        if (BatchSize < 1)
            return $"--batch-size must be at least 1, got {BatchSize}";
        if (BatchSize > MaxBatchSize)
            return $"--batch-size must be at most {MaxBatchSize}, the training set's size, got {BatchSize}";
        if (MaxBatches is < 1)
            return $"--max-batches must be at least 1, got {MaxBatches}";
        if (Threads < 1)
            return $"--threads must be at least 1, got {Threads}";
        if (!(GradientDescentLearningRate > 0 && double.IsFinite(GradientDescentLearningRate)))
            return $"--lr1 must be finite and greater than 0, got {Format(GradientDescentLearningRate)}";
        if (!(AdamLearningRate > 0 && double.IsFinite(AdamLearningRate)))
            return $"--lr must be finite and greater than 0, got {Format(AdamLearningRate)}";
        if (PcaComponents is < 1 or > 784)
            return $"--pca-components must be from 1 to 784, got {PcaComponents}";
        if (Exercises.Count == 0)
            return "--exercises selects no exercise";
        if (string.IsNullOrWhiteSpace(OutputDirectory))
            return "--output must name a folder";
        if (string.IsNullOrWhiteSpace(DataDirectory))
            return "--data-dir must name a folder";
        return NoiseSchemeNames.CheckLevel(Noise, NoiseLevel);
    }

    /// <summary>The settings as flag and value, in the order help lists them, for the report and <c>results.json</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Describe() =>
    [
        new("--epochs", Epochs),
        new("--batch-size", BatchSize),
        new("--seed", Seed),
        new("--lr1", GradientDescentLearningRate),
        new("--lr", AdamLearningRate),
        new("--noise", NoiseSchemeNames.Name(Noise)),
        new("--noise-level", NoiseLevel),
        new("--freeze-pretrained", FreezePretrained),
        new("--exercises", string.Join(",", Exercises.Select(ExerciseNames.Name))),
        new("--max-batches", MaxBatches),
        new("--pca-components", PcaComponents),
        new("--threads", Threads),
        new("--sequential", Sequential),
        new("--data-dir", DataDirectory),
        new("--output", OutputDirectory),
    ];

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
