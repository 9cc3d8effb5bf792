using System.Collections.Concurrent;
using Mlp.Sweeps;
using Spectre.Console;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// Sweep progress for an interactive terminal: one bar for the sweep (trials finished) and one per running trial
/// (its epochs, with its latest validation error). Spectre's progress tasks are thread-safe, so trials advance their
/// bars from their own threads; the live display runs inside <see cref="Run"/>.
/// </summary>
public sealed class SpectreSweepProgress : ISweepProgress
{
    private readonly ConcurrentDictionary<string, ProgressTask> _trials = new(StringComparer.Ordinal);
    private ProgressContext? _context;
    private ProgressTask? _sweep;

    /// <summary>Shows the display on <paramref name="console"/> while <paramref name="run"/> runs the sweep with it.</summary>
    public static T Run<T>(IAnsiConsole console, Func<ISweepProgress, T> run)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(run);
        var progress = new SpectreSweepProgress();
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 24 }, new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                progress._context = context;
                return run(progress);
            });
    }

    /// <inheritdoc />
    public void SweepStarted(int total, int alreadyDone)
    {
        _sweep = _context!.AddTask($"sweep: {total} trials", autoStart: true, maxValue: Math.Max(total, 1));
        _sweep.Value = alreadyDone;
    }

    /// <inheritdoc />
    public void TrialStarted(TrialSettings trial, int fromEpoch, string host)
    {
        ArgumentNullException.ThrowIfNull(trial);
        ProgressTask task = _context!.AddTask(Markup.Escape($"  {trial.Id} {SweepProgressText.Describe(trial)}"), autoStart: true, maxValue: trial.Epochs);
        task.Value = fromEpoch;
        _trials[trial.Id] = task;
    }

    /// <inheritdoc />
    public void TrialEpoch(TrialEpoch epoch)
    {
        if (_trials.TryGetValue(epoch.TrialId, out ProgressTask? task))
        {
            task.Value = epoch.Row.Epoch;
            task.Description = Markup.Escape($"  {epoch.TrialId} epoch {epoch.Row.Epoch}: {SweepProgressText.Statistics(epoch.Row)}");
        }
    }

    /// <inheritdoc />
    public void TrialFinished(TrialResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_trials.TryRemove(result.Id, out ProgressTask? task))
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
        _sweep?.Increment(1);
    }
}
