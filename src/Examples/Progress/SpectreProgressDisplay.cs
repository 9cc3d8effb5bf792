using Mlp.Training;
using Spectre.Console;

namespace Mlp.Examples.Progress;

/// <summary>
/// A Spectre.Console progress bar per run, for interactive terminals. Spectre's progress display owns the console
/// while it runs and drives it from inside a callback, so each run's display runs on a background task that waits
/// for <see cref="FinishRun"/>; epochs advance the bar from the training thread (Spectre's tasks are thread-safe).
/// </summary>
/// <param name="console">The console to draw on.</param>
public sealed class SpectreProgressDisplay(IAnsiConsole console) : IProgressDisplay
{
    private ActiveRun? _run;

    /// <inheritdoc/>
    public void StartRun(string name, int epochs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (_run is not null)
            throw new InvalidOperationException($"Run '{_run.Name}' is still in progress; finish it before starting '{name}'.");

        var statistics = new EpochStatisticsColumn();
        var started = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task display = console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 24 }, new PercentageColumn(), statistics,
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                started.SetResult(context.AddTask(Markup.Escape(name), autoStart: true, maxValue: epochs));
                await finished.Task.ConfigureAwait(false);
            });
        // Spectre refuses a second live display (exclusivity): its failure ends the display task before the bar exists.
        Task.WaitAny(started.Task, display);
        if (!started.Task.IsCompleted)
        {
            display.GetAwaiter().GetResult();
            throw new InvalidOperationException($"The progress display for '{name}' ended before it started.");
        }
        _run = new ActiveRun(name, started.Task.Result, statistics, finished, display);
    }

    /// <inheritdoc/>
    public void ReportEpoch(TrainingProgress progress)
    {
        ActiveRun run = _run ?? throw new InvalidOperationException("No run has been started.");
        if (progress.Statistics is not null)
            run.Statistics.Text = EpochSummary.Short(progress);
        run.Task.Value = Math.Min(progress.Epoch, run.Task.MaxValue);
    }

    /// <inheritdoc/>
    public void FinishRun()
    {
        ActiveRun run = _run ?? throw new InvalidOperationException("No run has been started.");
        _run = null;
        run.Task.Value = run.Task.MaxValue;
        run.Task.StopTask();
        run.Finished.SetResult();
        run.Display.GetAwaiter().GetResult();
    }

    private sealed record ActiveRun(string Name, ProgressTask Task, EpochStatisticsColumn Statistics, TaskCompletionSource Finished, Task Display);
}
