using System.Diagnostics;
using System.Globalization;
using Mlp.Training;

namespace Mlp.Examples.Progress;

/// <summary>Progress as plain log lines, for redirected output: one line when a run starts, one per epoch, one at its end.</summary>
/// <param name="output">Where the lines go.</param>
public sealed class PlainProgressDisplay(TextWriter output) : IProgressDisplay
{
    private string? _run;
    private int _epochs;
    private Stopwatch _clock = new();

    /// <inheritdoc/>
    public void StartRun(string name, int epochs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        if (_run is not null)
            throw new InvalidOperationException($"Run '{_run}' is still in progress; finish it before starting '{name}'.");
        _run = name;
        _epochs = epochs;
        _clock = Stopwatch.StartNew();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {epochs} epochs"));
    }

    /// <inheritdoc/>
    public void ReportEpoch(TrainingProgress progress)
    {
        string run = _run ?? throw new InvalidOperationException("No run has been started.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run}: epoch {progress.Epoch}/{_epochs}: {EpochSummary.Format(progress)}"));
    }

    /// <inheritdoc/>
    public void FinishRun()
    {
        string run = _run ?? throw new InvalidOperationException("No run has been started.");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run}: done in {_clock.Elapsed.TotalSeconds:F1} s"));
        _run = null;
    }
}
