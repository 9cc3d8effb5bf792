using System.Diagnostics;
using System.Globalization;
using Mlp.Training;

namespace Mlp.Examples.Progress;

/// <summary>
/// Progress as plain log lines, for redirected output: one line when a run starts, one per epoch, one at its end, each
/// naming its run, so that runs training at once stay readable when their lines alternate. Every line is written whole
/// under one lock, so no two lines are ever mixed.
/// </summary>
/// <param name="output">Where the lines go.</param>
public sealed class PlainProgressDisplay(TextWriter output) : IProgressDisplay
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _running = [];

    /// <inheritdoc/>
    public IRunProgress StartRun(string name, int epochs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        lock (_lock)
        {
            if (!_running.Add(name))
                throw new InvalidOperationException($"Run '{name}' is already in progress.");
            output.WriteLine(Invariant($"{name}: {epochs} epochs"));
        }
        return new Run(this, name, epochs);
    }

    /// <inheritdoc/>
    public void WriteLine(string line)
    {
        lock (_lock)
            output.WriteLine(line);
    }

    /// <summary>Flushes the output; runs still going keep writing.</summary>
    public void Dispose()
    {
        lock (_lock)
            output.Flush();
    }

    private void End(string name, string line)
    {
        lock (_lock)
        {
            _running.Remove(name);
            output.WriteLine(line);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed class Run(PlainProgressDisplay display, string name, int epochs) : IRunProgress
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private bool _finished;

        public void ReportEpoch(TrainingProgress progress)
        {
            if (_finished)
                throw new InvalidOperationException($"Run '{name}' has finished.");
            display.WriteLine(Invariant($"{name}: epoch {progress.Epoch}/{epochs}: {EpochSummary.Format(progress)}"));
        }

        public void Finish()
        {
            if (_finished)
                throw new InvalidOperationException($"Run '{name}' has finished.");
            _finished = true;
            display.End(name, Invariant($"{name}: done in {_clock.Elapsed.TotalSeconds:F1} s"));
        }
    }
}
