using System.Diagnostics;
using System.Globalization;
using Mlp.Examples.Data;
using Mlp.Examples.Models;
using Mlp.Examples.Options;
using Mlp.Examples.Output;
using Mlp.Examples.Pca;
using Mlp.Examples.Progress;
using Mlp.Examples.Results;
using Mlp.Examples.Scheduling;

namespace Mlp.Examples.Exercises;

/// <summary>
/// Runs the selected parts of the notebook, then prints the results table and writes the CSV files,
/// <c>results.json</c> and <c>report.md</c>. The parts are independent (each has its own seeds, data providers and
/// model) except that exercise 4's pre-trained classifier starts from exercise 2's trained autoencoder, so selecting 4
/// runs 2 as well; they run concurrently on a share of <c>--threads</c> each (<see cref="PartScheduler"/>), or one
/// after the other with <c>--sequential</c> or <c>--threads 1</c>, with the same results either way. What needs
/// several parts (exercise 1's curves with PCA's error, exercise 4's two runs in one figure, the comparisons of
/// <see cref="RepresentationAnalysis"/>) is drawn once they have all finished. The table keeps the notebook's order.
/// </summary>
public static class NotebookRun
{
    /// <summary>The order a sequential run takes the parts in: PCA first, then the exercises in the notebook's order.</summary>
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
        var outcomes = new Dictionary<Exercise, ExerciseOutcome>();
        AnalysisOutcome analysis;
        var stages = new List<KeyValuePair<string, double>>();
        using (IProgressDisplay display = ProgressDisplay.For(console))
        {
            if (toRun.Count > options.Exercises.Count)
                Note(display, "Exercise 2 runs as well: exercise 4 starts its classifier from exercise 2's trained autoencoder.");

            var loadClock = Stopwatch.StartNew();
            MnistSplit data = MnistSplit.Load(options.DataDirectory);
            if (options.MaxBatches is int maxBatches)
            {
                // A smoke run: statistics, PCA and figures on as many images as the capped epochs train on.
                int images = (int)Math.Min((long)maxBatches * options.BatchSize, int.MaxValue);
                data = data.Take(images, images);
                Note(display, Invariant($"--max-batches {maxBatches}: a quick run on the first {data.Train.Count:N0} training and {data.Valid.Count:N0} validation images; the figures are not the notebook's."));
            }
            stages.Add(new("load_mnist", loadClock.Elapsed.TotalSeconds));
            display.WriteLine(Invariant($"MNIST: {data.Train.Count:N0} training and {data.Valid.Count:N0} validation images ({loadClock.Elapsed.TotalSeconds:F2} s)"));

            var context = new ExerciseContext(options, data, outputFolder, display);
            bool concurrent = !options.Sequential && options.Threads > 1;
            var partsClock = Stopwatch.StartNew();
            var trained = TrainParts(context, toRun, concurrent);
            stages.Add(new(concurrent ? "parts_concurrently" : "parts_one_after_another", partsClock.Elapsed.TotalSeconds));

            // Everything that needs several parts, now that they have all finished.
            var finishClock = Stopwatch.StartNew();
            if (trained.Pca is { } pca)
                outcomes[Exercise.Pca] = pca.Outcome;
            if (trained.Linear is { } linear)
                outcomes[Exercise.LinearAutoencoder] = LinearAutoencoderExercise.Finish(context, linear, trained.Pca?.Outcome.Results[0]);
            if (trained.NonLinear is { } nonLinear)
                outcomes[Exercise.NonLinearAutoencoder] = nonLinear.Outcome;
            if (trained.Denoising is { } denoising)
                outcomes[Exercise.DenoisingAutoencoder] = denoising;
            if (trained.Pretrained is { } pretrained && trained.Random is { } random)
                outcomes[Exercise.PretrainedClassifier] = PretrainedClassifierExercise.Finish(context, pretrained, random);
            analysis = RepresentationAnalysis.Run(context, trained.Linear,
                trained.Pca is { } p ? (p.Fit, p.Outcome.Results[0]) : null,
                trained.NonLinear is { } n ? (n.Model, n.Outcome.Results[0]) : null);
            stages.Add(new("comparisons_and_shared_figures", finishClock.Elapsed.TotalSeconds));
        }

        // The notebook's order: exercise 1, PCA, exercises 2 to 4.
        var ordered = ExerciseNames.All.Where(outcomes.ContainsKey).Select(e => outcomes[e]).ToList();
        var results = ordered.SelectMany(o => o.Results).ToList();
        var runs = ordered.SelectMany(o => o.Runs).ToList();
        notes.AddRange(ordered.SelectMany(o => o.Notes ?? []));
        notes.AddRange(analysis.Notes);
        foreach (RunHistory run in runs)
            RunStatisticsCsv.Write(outputFolder, run);
        var report = new RunReport(results, runs, [.. ordered.SelectMany(o => o.Figures), .. analysis.Figures], options.Describe(),
            MachineInfo.Detect() with { LoadAverage = loadAverage },
            clock.Elapsed.TotalSeconds, stages, notes, toRun.SelectMany(e => outcomes[e].Models).ToList())
        {
            Subspaces = analysis.Subspaces,
            NonLinearBelowPca = analysis.NonLinearBelowPca,
            NonLinearBelowLinear = analysis.NonLinearBelowLinear,
        };
        ResultsJson.Write(outputFolder, report);
        string reportPath = ReportMarkdown.Write(outputFolder, report);

        ResultsTablePrinter.Print(ResultsTable.Build(results), console);
        console.Out.WriteLine(Invariant($"Report: {reportPath} ({clock.Elapsed.TotalSeconds:F1} s in all)"));
        return 0;

        void Note(IProgressDisplay display, string note)
        {
            notes.Add(note);
            display.WriteLine(note);
        }
    }

    // Each part trains on a thread of its own with its share of the threads; results are kept here for what follows.
    private static TrainedParts TrainParts(ExerciseContext context, IReadOnlyList<Exercise> toRun, bool concurrent)
    {
        var trained = new TrainedParts();
        var parts = new List<NotebookPart>();
        void Add(string key, double cost, string[] after, Action<ExerciseContext> work) =>
            parts.Add(new NotebookPart(key, cost, after, share => work(context with { Threads = share })));

        // Costs: seconds of the default run on two threads, for the order of the longest chains only.
        foreach (Exercise exercise in toRun)
        {
            switch (exercise)
            {
                case Exercise.Pca:
                    Add(PcaExercise.Key, 2, [], c => trained.Pca = (PcaExercise.Run(c, out var fit), fit));
                    break;
                case Exercise.LinearAutoencoder:
                    Add(LinearAutoencoderExercise.Key, 8, [], c => trained.Linear = LinearAutoencoderExercise.Train(c));
                    break;
                case Exercise.NonLinearAutoencoder:
                    Add(NonLinearAutoencoderExercise.Key, 7, [], c => trained.NonLinear = (NonLinearAutoencoderExercise.Run(c, out var model), model));
                    break;
                case Exercise.DenoisingAutoencoder:
                    Add(DenoisingAutoencoderExercise.Key, 9, [], c => trained.Denoising = DenoisingAutoencoderExercise.Run(c));
                    break;
                case Exercise.PretrainedClassifier:
                    Add(PretrainedClassifierExercise.PretrainedKey, 4.4, [NonLinearAutoencoderExercise.Key], c =>
                        trained.Pretrained = PretrainedClassifierExercise.TrainPretrained(c,
                            trained.NonLinear?.Model ?? throw new InvalidOperationException("Exercise 4 runs after exercise 2.")));
                    Add(PretrainedClassifierExercise.RandomKey, 4.4, [], c => trained.Random = PretrainedClassifierExercise.TrainRandom(c));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown exercise {exercise}.");
            }
        }
        PartScheduler.Run(parts, context.Options.Threads, concurrent);
        return trained;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // What the parts hand on, each set by its own part's thread and read once the scheduler has joined them all.
    private sealed class TrainedParts
    {
        public (ExerciseOutcome Outcome, PrincipalComponents Fit)? Pca { get; set; }
        public LinearRun? Linear { get; set; }
        public (ExerciseOutcome Outcome, NonLinearAutoencoder Model)? NonLinear { get; set; }
        public ExerciseOutcome? Denoising { get; set; }
        public ClassifierRun? Pretrained { get; set; }
        public ClassifierRun? Random { get; set; }
    }
}
