using Mlp.Examples.Exercises;
using Mlp.Examples.Options;
using Mlp.Kernels;
using Mlp.Training;

namespace Mlp.Examples;

/// <summary>The console app's entry point, callable in-process (tests pass their own <see cref="AppConsole"/>).</summary>
public static class ExamplesApp
{
    /// <summary>The exit code when the run fails on its data or its files, or a training run diverges.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Parses <paramref name="args"/> and runs the notebook; returns the process's exit code.</summary>
    /// <returns>0 on success or after <c>--help</c>, <see cref="OptionsParser.UsageExitCode"/> for invalid options,
    /// <see cref="FailureExitCode"/> when reading the data or writing the outputs fails or training diverges.</returns>
    public static int Run(string[] args, AppConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (args.Length > 0 && Sweeps.SweepVerbs.TryRun(args, console, out int verbExitCode))
            return verbExitCode;
        ExampleOptions? options = OptionsParser.Parse(args, console.Out, console.Error, out int exitCode);
        if (options is null)
            return exitCode;
        int previousThreads = KernelThreads.Count;
        try
        {
            KernelThreads.Count = Math.Min(options.Threads, KernelThreads.Max);
            return NotebookRun.Execute(options, console);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or TrainingDivergedException)
        {
            // Bad data files, full or read-only disks and learning rates too large to train are the user's to fix: one line, no stack trace.
            console.Error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
            return FailureExitCode;
        }
        finally
        {
            KernelThreads.Count = previousThreads;
        }
    }
}
