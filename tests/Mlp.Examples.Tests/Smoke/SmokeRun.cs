using System.Diagnostics;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Smoke;

/// <summary>
/// One quick run of the whole notebook through the command line's code path (<see cref="ExamplesApp.Run"/> with
/// arguments), on real MNIST: 1 epoch of <see cref="MaxBatches"/> batches per run, so every exercise trains, draws,
/// saves and reports in a few seconds. Shared by the smoke tests, which each check part of what it wrote.
/// </summary>
public sealed class SmokeRun : IDisposable
{
    /// <summary>Batches per epoch: enough for every error to fall clearly in one epoch.</summary>
    public const int MaxBatches = 100;

    /// <summary>The notebook's batch size.</summary>
    public const int BatchSize = 50;

    /// <summary>The images each set is cut to by <c>--max-batches</c>.</summary>
    public const int Images = MaxBatches * BatchSize;

    private readonly TempFolder _folder = new();

    public SmokeRun()
    {
        Output = _folder.File("out");
        var app = new CapturedApp();
        var clock = Stopwatch.StartNew();
        ExitCode = app.Run("--epochs", "1", "--max-batches", MaxBatches.ToString(), "--batch-size", BatchSize.ToString(), "--output", Output);
        Elapsed = clock.Elapsed;
        Log = app.Out.ToString();
        Errors = app.Error.ToString();
    }

    public string Output { get; }

    public int ExitCode { get; }

    public string Log { get; }

    public string Errors { get; }

    public TimeSpan Elapsed { get; }

    public string File(string name) => Path.Combine(Output, name);

    public void Dispose() => _folder.Dispose();
}
