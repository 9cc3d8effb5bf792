using System.CommandLine;
using System.Globalization;

namespace Mlp.Examples.Options;

/// <summary>
/// Parses the command line (System.CommandLine) into <see cref="ExampleOptions"/>, checks every value, and checks the
/// folders by using them: the output folder is created and a probe file written and removed. Any problem is one line
/// on the error writer and exit code <see cref="UsageExitCode"/>; <c>--help</c> prints help and exit code 0.
/// </summary>
public static class OptionsParser
{
    /// <summary>The exit code for invalid command-line values.</summary>
    public const int UsageExitCode = 2;

    /// <summary>Parses <paramref name="args"/>; returns the options, or null with the process's <paramref name="exitCode"/>.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="output">Where help goes.</param>
    /// <param name="error">Where the one-line error goes.</param>
    /// <param name="exitCode">0 after help, <see cref="UsageExitCode"/> after an error; 0 when options are returned.</param>
    public static ExampleOptions? Parse(string[] args, TextWriter output, TextWriter error, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        var defaults = new ExampleOptions();
        var epochs = new Option<int>("--epochs") { Description = "Training epochs per run", DefaultValueFactory = _ => defaults.Epochs };
        var batchSize = new Option<int>("--batch-size") { Description = "Examples per mini-batch", DefaultValueFactory = _ => defaults.BatchSize };
        var seed = new Option<int>("--seed") { Description = "Seed of every random draw", DefaultValueFactory = _ => defaults.Seed };
        var outputDirectory = new Option<string>("--output", "-o") { Description = "Folder for figures, CSV files, results.json and report.md", DefaultValueFactory = _ => defaults.OutputDirectory };
        var noise = new Option<string>("--noise") { Description = $"Exercise 3's corruption: {string.Join(", ", NoiseSchemeNames.All)}", DefaultValueFactory = _ => NoiseSchemeNames.Name(defaults.Noise) };
        var noiseLevel = new Option<double>("--noise-level") { Description = "Probability of corrupting a pixel, or the Gaussian noise's standard deviation", DefaultValueFactory = _ => defaults.NoiseLevel };
        var freeze = new Option<bool>("--freeze-pretrained") { Description = "Exercise 4: freeze the pre-trained first layer instead of fine-tuning it" };
        var exercises = new Option<string>("--exercises") { Description = "Comma-separated subset of 1, pca, 2, 3, 4 (or all)", DefaultValueFactory = _ => "all" };
        var maxBatches = new Option<int?>("--max-batches") { Description = "At most this many batches per epoch, on the first max-batches × batch-size images (smoke tests)" };
        var lr1 = new Option<double>("--lr1") { Description = "Exercise 1's gradient-descent learning rate", DefaultValueFactory = _ => defaults.GradientDescentLearningRate };
        var lr = new Option<double>("--lr") { Description = "Adam learning rate of exercises 2 to 4", DefaultValueFactory = _ => defaults.AdamLearningRate };
        var threads = new Option<int>("--threads") { Description = "Threads shared by the notebook's parts, which run concurrently (default: every core); results are identical for any count", DefaultValueFactory = _ => defaults.Threads };
        var sequential = new Option<bool>("--sequential") { Description = "Run the parts one after the other, each with every thread, instead of concurrently (same results)" };
        var dataDirectory = new Option<string>("--data-dir") { Description = "Folder holding MNIST's gzipped IDX files", DefaultValueFactory = _ => defaults.DataDirectory };
        var pcaComponents = new Option<int>("--pca-components") { Description = "Principal components kept by the PCA part", DefaultValueFactory = _ => defaults.PcaComponents };

        var root = new RootCommand("The course's autoencoders notebook on real MNIST: trains every exercise, prints the results and writes figures and a report.")
        {
            epochs, batchSize, seed, outputDirectory, noise, noiseLevel, freeze, exercises, maxBatches, lr1, lr, threads, sequential, dataDirectory, pcaComponents,
        };

        ParseResult result = root.Parse(args);
        if (result.Errors.Count > 0)
            return Fail(error, string.Join("; ", result.Errors.Select(e => e.Message)), out exitCode);
        if (result.Action is not null)
        {
            // --help (or another built-in action): let System.CommandLine print it.
            exitCode = result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return null;
        }

        if (!NoiseSchemeNames.TryParse(result.GetValue(noise)!, out NoiseScheme scheme))
            return Fail(error, $"--noise: unknown scheme '{result.GetValue(noise)}' (expected {string.Join(", ", NoiseSchemeNames.All)})", out exitCode);
        string? listError = ExerciseNames.TryParseList(result.GetValue(exercises)!, out IReadOnlyList<Exercise> selected);
        if (listError is not null)
            return Fail(error, listError, out exitCode);

        var options = new ExampleOptions
        {
            Epochs = result.GetValue(epochs),
            BatchSize = result.GetValue(batchSize),
            Seed = result.GetValue(seed),
            OutputDirectory = result.GetValue(outputDirectory)!,
            Noise = scheme,
            NoiseLevel = result.GetValue(noiseLevel),
            FreezePretrained = result.GetValue(freeze),
            Exercises = selected,
            MaxBatches = result.GetValue(maxBatches),
            GradientDescentLearningRate = result.GetValue(lr1),
            AdamLearningRate = result.GetValue(lr),
            Threads = result.GetValue(threads),
            Sequential = result.GetValue(sequential),
            DataDirectory = result.GetValue(dataDirectory)!,
            PcaComponents = result.GetValue(pcaComponents),
        };
        string? invalid = options.Validate();
        if (invalid is not null)
            return Fail(error, invalid, out exitCode);

        string? dataError = DataFolder.Resolve(options.DataDirectory, out string dataPath);
        if (dataError is not null)
            return Fail(error, dataError, out exitCode);
        string? outputError = OutputFolder.Prepare(options.OutputDirectory);
        if (outputError is not null)
            return Fail(error, outputError, out exitCode);

        exitCode = 0;
        return options with { DataDirectory = dataPath };
    }

    private static ExampleOptions? Fail(TextWriter error, string message, out int exitCode)
    {
        // One line whatever the message holds: a stack trace or a multi-line message never reaches the user.
        string line = message.ReplaceLineEndings(" ");
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: {line} (see --help)"));
        exitCode = UsageExitCode;
        return null;
    }
}
