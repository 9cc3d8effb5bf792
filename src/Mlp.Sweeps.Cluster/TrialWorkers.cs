using System.Collections.Concurrent;
using Mlp.Kernels;

namespace Mlp.Sweeps.Cluster;

/// <summary>
/// A silo's trial threads: a fixed number (one per core by default) of dedicated threads with single-threaded kernels,
/// taking queued trials in turn, so a silo trains as the local runner does. Trials queue here rather than on Orleans'
/// scheduler, whose threads must never block for the minutes a trial takes.
/// </summary>
public sealed class TrialWorkers : IDisposable
{
    private readonly BlockingCollection<Action> _queue = [];
    private readonly Thread[] _threads;

    /// <summary>Starts <paramref name="count"/> threads.</summary>
    public TrialWorkers(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _threads = [.. Enumerable.Range(0, count).Select(i => new Thread(Work) { Name = $"trial worker {i}", IsBackground = true })];
        foreach (Thread thread in _threads)
            thread.Start();
    }

    /// <summary>The number of threads.</summary>
    public int Count => _threads.Length;

    /// <summary>Queues <paramref name="trial"/> to run on the next free thread.</summary>
    public void Enqueue(Action trial) => _queue.Add(trial);

    /// <inheritdoc />
    public void Dispose()
    {
        _queue.CompleteAdding();
        _queue.Dispose();
    }

    private void Work()
    {
        KernelThreads.CountForCurrentThread = 1;
        try
        {
            foreach (Action trial in _queue.GetConsumingEnumerable())
                trial();
        }
        catch (ObjectDisposedException)
        {
            // The silo is shutting down.
        }
    }
}

/// <summary>What a silo's trial grains share: the models it was built with, its data (loaded at the first trial), its workers and its name.</summary>
/// <param name="Registry">The models this silo can train.</param>
/// <param name="DataDirectory">MNIST's folder, or null to look for it.</param>
/// <param name="Workers">The trial threads.</param>
/// <param name="Host">How results name this silo.</param>
public sealed record SiloTrials(ModelRegistry Registry, string? DataDirectory, TrialWorkers Workers, string Host)
{
    private readonly Lazy<SweepData> _data = new(() => SweepData.Load(DataDirectory));

    /// <summary>The data, loaded once per process.</summary>
    public SweepData Data => _data.Value;
}
