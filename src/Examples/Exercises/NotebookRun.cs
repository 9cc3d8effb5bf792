using System.Diagnostics;
using System.Globalization;
using Mlp.Examples.Data;
using Mlp.Examples.Options;
using Mlp.Examples.Output;
using Mlp.Examples.Progress;
using Mlp.Examples.Results;

namespace Mlp.Examples.Exercises;

/// <summary>
/// Runs the selected parts of the notebook in the notebook's order, then prints the results table and writes the
/// CSV files, <c>results.json</c> and <c>report.md</c>.
/// </summary>
public static class NotebookRun
{
    /// <summary>The exercises this build can run: the trained ones need the training runtime, which it does not have yet.</summary>
    public static IReadOnlyList<Exercise> Available { get; } = [Exercise.Pca];

    /// <summary>Runs the exercises <paramref name="options"/> select; returns the process's exit code.</summary>
    public static int Execute(ExampleOptions options, AppConsole console)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var clock = Stopwatch.StartNew();
        string outputFolder = Path.GetFullPath(options.OutputDirectory);
        var notes = new List<string>();
        var unavailable = options.Exercises.Where(e => !Available.Contains(e)).ToList();
        if (unavailable.Count > 0)
        {
            string names = string.Join(", ", unavailable.Select(ExerciseNames.Name));
            string note = $"Not run: {names} (the training runtime they need is not part of this build yet).";
            notes.Add(note);
            console.Out.WriteLine(note);
        }

        var stages = new List<KeyValuePair<string, double>>();
        var results = new List<ExerciseResult>();
        var runs = new List<RunHistory>();
        var figures = new List<ReportFigure>();
        var toRun = options.Exercises.Where(Available.Contains).ToList();
        if (toRun.Count > 0)
        {
            var loadClock = Stopwatch.StartNew();
            MnistSplit data = MnistSplit.LoadImages(options.DataDirectory);
            stages.Add(new("load_mnist", loadClock.Elapsed.TotalSeconds));
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MNIST: {data.Train.Count:N0} training and {data.Valid.Count:N0} validation images ({loadClock.Elapsed.TotalSeconds:F2} s)"));

            var context = new ExerciseContext(options, data, outputFolder, ProgressDisplay.For(console), console);
            foreach (Exercise exercise in toRun)
            {
                ExerciseOutcome outcome = exercise switch
                {
                    Exercise.Pca => PcaExercise.Run(context),
                    _ => throw new InvalidOperationException($"Exercise {ExerciseNames.Name(exercise)} is not available in this build."),
                };
                results.AddRange(outcome.Results);
                runs.AddRange(outcome.Runs);
                figures.AddRange(outcome.Figures);
            }
        }

        foreach (RunHistory run in runs)
            RunStatisticsCsv.Write(outputFolder, run);
        var report = new RunReport(results, runs, figures, options.Describe(), MachineInfo.Detect(), clock.Elapsed.TotalSeconds, stages, notes);
        ResultsJson.Write(outputFolder, report);
        string reportPath = ReportMarkdown.Write(outputFolder, report);

        if (results.Count > 0)
            ResultsTablePrinter.Print(ResultsTable.Build(results), console);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Report: {reportPath} ({clock.Elapsed.TotalSeconds:F1} s in all)"));
        return 0;
    }
}
