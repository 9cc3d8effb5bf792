using System.Diagnostics;
using System.Globalization;
using Mlp.Data;
using Mlp.Sweeps;
using Mlp.Training;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// The <c>sweep</c> verb: runs a sweep on this machine's cores (or, with <c>--cluster</c>, on an Orleans cluster) and
/// writes its outputs. Stopped with Ctrl+C, it keeps finished trials and checkpoints; the same command resumes it.
/// </summary>
public static class SweepVerb
{
    /// <summary>The verb's name.</summary>
    public const string Name = "sweep";

    /// <summary>Runs the verb with <paramref name="args"/> (after the verb's name); returns the exit code.</summary>
    public static int Run(string[] args, AppConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        SweepRequest? request = SweepCommandLine.Parse(args, console.Out, console.Error, out int exitCode);
        if (request is null)
            return exitCode;
        try
        {
            return request.Cluster is null ? RunLocally(request, console, cancellationToken) : ClusterSweepVerb.Run(request, console, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine($"stopped: finished trials and checkpoints are kept in {request.OutputDirectory}; run the same command to resume.");
            return ExamplesApp.FailureExitCode;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or DataFileException or SweepDefinitionException)
        {
            console.Error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return ExamplesApp.FailureExitCode;
        }
    }

    private static int RunLocally(SweepRequest request, AppConsole console, CancellationToken cancellationToken)
    {
        ModelRegistry registry = SweepModels.Registry();
        IReadOnlyList<TrialSettings> trials = request.Definition.Expand(registry);
        var clock = Stopwatch.StartNew();
        SweepData data = SweepData.Load(request.DataDirectory);
        var folder = new SweepFolder(request.OutputDirectory);
        string where = string.Create(CultureInfo.InvariantCulture, $"locally on {Environment.MachineName}, {Math.Min(request.Parallelism, trials.Count)} trials at a time");
        SweepOutputs.Started(folder.Path, request.Definition, trials, where);
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sweep of {trials.Count} trials, {where}; outputs in {folder.Path}"));

        var runner = new LocalSweepRunner(registry, data) { Parallelism = request.Parallelism };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops the trials between epochs, keeping their checkpoints; a second one ends the process.
            e.Cancel = !stop.IsCancellationRequested;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        IReadOnlyList<TrialResult> results;
        try
        {
            results = console.Interactive
                ? SpectreSweepProgress.Run(console.Ansi, progress => runner.Run(trials, folder, progress, stop.Token))
                : runner.Run(trials, folder, new PlainSweepProgress(console.Out), stop.Token);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1 && e.InnerException is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw e.InnerException!;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        string report = SweepOutputs.Finished(folder.Path, request.Definition, results, where, clock.Elapsed.TotalSeconds);
        PrintBest(console, new SweepTable(request.Definition, results), report);
        return 0;
    }

    /// <summary>Prints the best few trials and where the report is.</summary>
    internal static void PrintBest(AppConsole console, SweepTable table, string report)
    {
        console.Out.WriteLine("Best trials (final validation error):");
        foreach (TrialResult result in table.Ranked.Take(5))
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {result.Id}  {string.Join(" ", table.Swept.Select(p => $"{p.Name}={p.Format(result.Settings)}"))}  {SweepProgressText.Outcome(result)}"));
        console.Out.WriteLine($"Report: {report}");
    }
}
