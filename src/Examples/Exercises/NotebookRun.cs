using System.Diagnostics;
using System.Globalization;
using Mlp.Examples.Data;
using Mlp.Examples.Models;
using Mlp.Examples.Options;
using Mlp.Examples.Output;
using Mlp.Examples.Progress;
using Mlp.Examples.Results;

namespace Mlp.Examples.Exercises;

/// <summary>
/// Runs the selected parts of the notebook, then prints the results table and writes the CSV files,
/// <c>results.json</c> and <c>report.md</c>. PCA, when selected, runs before exercise 1 (it takes seconds) so that
/// exercise 1's figure and summary can show the optimum it approaches; exercise 4 needs exercise 2's trained
/// autoencoder, so selecting 4 runs 2 as well. The table keeps the notebook's order.
/// </summary>
public static class NotebookRun
{
    /// <summary>The order the parts run in: PCA first, then the exercises in the notebook's order.</summary>
    public static IReadOnlyList<Exercise> ExecutionOrder { get; } =
        [Exercise.Pca, Exercise.LinearAutoencoder, Exercise.NonLinearAutoencoder, Exercise.DenoisingAutoencoder, Exercise.PretrainedClassifier];

    /// <summary>The exercises a selection runs: the selection, plus exercise 2 when exercise 4 needs its autoencoder.</summary>
    public static IReadOnlyList<Exercise> ToRun(IReadOnlyList<Exercise> selected)
    {
        ArgumentNullException.ThrowIfNull(selected);
        var run = new HashSet<Exercise>(selected);
        if (run.Contains(Exercise.PretrainedClassifier))
            run.Add(Exercise.NonLinearAutoencoder);
        return ExecutionOrder.Where(run.Contains).ToList();
    }

    /// <summary>Runs the exercises <paramref name="options"/> select; returns the process's exit code.</summary>
    public static int Execute(ExampleOptions options, AppConsole console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var clock = Stopwatch.StartNew();
        string? loadAverage = MachineInfo.ReadLoadAverage("/proc/loadavg");
        string outputFolder = Path.GetFullPath(options.OutputDirectory);
        var notes = new List<string>();
        IReadOnlyList<Exercise> toRun = ToRun(options.Exercises);
        if (toRun.Count > options.Exercises.Count)
            Note("Exercise 2 runs as well: exercise 4 starts its classifier from exercise 2's trained autoencoder.");

        var stages = new List<KeyValuePair<string, double>>();
        var loadClock = Stopwatch.StartNew();
        MnistSplit data = MnistSplit.Load(options.DataDirectory);
        if (options.MaxBatches is int maxBatches)
        {
            // A smoke run: statistics, PCA and figures on as many images as the capped epochs train on.
            int images = (int)Math.Min((long)maxBatches * options.BatchSize, int.MaxValue);
            data = data.Take(images, images);
            Note(Invariant($"--max-batches {maxBatches}: a quick run on the first {data.Train.Count:N0} training and {data.Valid.Count:N0} validation images; the figures are not the notebook's."));
        }
        stages.Add(new("load_mnist", loadClock.Elapsed.TotalSeconds));
        console.Out.WriteLine(Invariant($"MNIST: {data.Train.Count:N0} training and {data.Valid.Count:N0} validation images ({loadClock.Elapsed.TotalSeconds:F2} s)"));

        var context = new ExerciseContext(options, data, outputFolder, ProgressDisplay.For(console), console);
        var outcomes = new Dictionary<Exercise, ExerciseOutcome>();
        NonLinearAutoencoder? autoencoder = null;
        foreach (Exercise exercise in toRun)
        {
            outcomes[exercise] = exercise switch
            {
                Exercise.Pca => PcaExercise.Run(context),
                Exercise.LinearAutoencoder => LinearAutoencoderExercise.Run(context, outcomes.GetValueOrDefault(Exercise.Pca)?.Results[0]),
                Exercise.NonLinearAutoencoder => NonLinearAutoencoderExercise.Run(context, out autoencoder),
                Exercise.DenoisingAutoencoder => DenoisingAutoencoderExercise.Run(context),
                Exercise.PretrainedClassifier => PretrainedClassifierExercise.Run(context,
                    autoencoder ?? throw new InvalidOperationException("Exercise 4 runs after exercise 2.")),
                _ => throw new InvalidOperationException($"Unknown exercise {exercise}."),
            };
        }

        // The notebook's order: exercise 1, PCA, exercises 2 to 4.
        var ordered = ExerciseNames.All.Where(outcomes.ContainsKey).Select(e => outcomes[e]).ToList();
        var results = ordered.SelectMany(o => o.Results).ToList();
        var runs = ordered.SelectMany(o => o.Runs).ToList();
        notes.AddRange(ordered.SelectMany(o => o.Notes ?? []));
        foreach (RunHistory run in runs)
            RunStatisticsCsv.Write(outputFolder, run);
        var report = new RunReport(results, runs, ordered.SelectMany(o => o.Figures).ToList(), options.Describe(), MachineInfo.Detect() with { LoadAverage = loadAverage },
            clock.Elapsed.TotalSeconds, stages, notes, toRun.SelectMany(e => outcomes[e].Models).ToList());
        ResultsJson.Write(outputFolder, report);
        string reportPath = ReportMarkdown.Write(outputFolder, report);

        ResultsTablePrinter.Print(ResultsTable.Build(results), console);
        console.Out.WriteLine(Invariant($"Report: {reportPath} ({clock.Elapsed.TotalSeconds:F1} s in all)"));
        return 0;

        void Note(string note)
        {
            notes.Add(note);
            console.Out.WriteLine(note);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
