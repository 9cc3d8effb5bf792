using Mlp.Training;
using Spectre.Console;

namespace Mlp.Examples.Progress;

/// <summary>
/// Spectre.Console progress bars for interactive terminals: one live display for the whole notebook, one bar per run,
/// so runs training at once each advance their own bar. Spectre's live display owns the console while it runs and is
/// driven from inside a callback, so it runs on a background task from construction until <see cref="Dispose"/>;
/// bars are added and advanced from the training threads (Spectre's tasks are thread-safe), and lines written meanwhile
/// go through the same console, which prints them above the bars.
/// </summary>
public sealed class SpectreProgressDisplay : IProgressDisplay
{
    private readonly IAnsiConsole _console;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _running = [];
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _display;
    private readonly ProgressContext _context;
    private readonly EpochStatisticsColumn _statistics = new();
    private bool _disposed;

    /// <summary>Starts the live display on <paramref name="console"/>, empty until the first run starts.</summary>
    /// <exception cref="InvalidOperationException">Spectre refused the display (another live display is running).</exception>
    public SpectreProgressDisplay(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        var started = new TaskCompletionSource<ProgressContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        _display = console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn { Width = 24 }, new PercentageColumn(), _statistics,
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                started.SetResult(context);
                await _stop.Task.ConfigureAwait(false);
            });
        // Spectre refuses a second live display (exclusivity): its failure ends the display task before the context exists.
        Task.WaitAny(started.Task, _display);
        if (!started.Task.IsCompleted)
        {
            _display.GetAwaiter().GetResult();
            throw new InvalidOperationException("The progress display ended before it started.");
        }
        _context = started.Task.Result;
    }

    /// <inheritdoc/>
    public IRunProgress StartRun(string name, int epochs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_running.Add(name))
                throw new InvalidOperationException($"Run '{name}' is already in progress.");
            ProgressTask task = _context.AddTask(Markup.Escape(name), autoStart: true, maxValue: epochs);
            return new Run(this, name, task);
        }
    }

    /// <inheritdoc/>
    public void WriteLine(string line)
    {
        lock (_lock)
            _console.WriteLine(line);
    }

    /// <summary>Ends the live display, leaving the bars as they are; waits for it to draw its last frame.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = true;
        }
        _stop.SetResult();
        _display.GetAwaiter().GetResult();
    }

    private void End(string name)
    {
        lock (_lock)
            _running.Remove(name);
    }

    private sealed class Run(SpectreProgressDisplay display, string name, ProgressTask task) : IRunProgress
    {
        private bool _finished;

        public void ReportEpoch(TrainingProgress progress)
        {
            if (_finished)
                throw new InvalidOperationException($"Run '{name}' has finished.");
            if (progress.Statistics is not null)
            {
                display._statistics.Set(task.Id, EpochSummary.Short(progress));
            }
            task.Value = Math.Min(progress.Epoch, task.MaxValue);
        }

        public void Finish()
        {
            if (_finished)
                throw new InvalidOperationException($"Run '{name}' has finished.");
            _finished = true;
            task.Value = task.MaxValue;
            task.StopTask();
            display.End(name);
        }
    }
}
