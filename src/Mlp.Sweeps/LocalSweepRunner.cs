using Mlp.Kernels;

namespace Mlp.Sweeps;

/// <summary>
/// Runs a sweep's trials on this machine, several at once: by default one per core, each on its own thread with
/// single-threaded kernels (<see cref="KernelThreads.CountForCurrentThread"/> = 1), since a small model's batch-50 step
/// gains little from a second thread while a second trial doubles the throughput. The trials share the process's data.
/// Results land in the <see cref="SweepFolder"/> as each trial finishes; trials already there are skipped, and trials
/// with a checkpoint resume from it. The numbers do not depend on how many run at once.
/// </summary>
/// <param name="registry">The models trials may name.</param>
/// <param name="data">The data, loaded once for every trial.</param>
public sealed class LocalSweepRunner(ModelRegistry registry, SweepData data)
{
    private readonly TrialTrainer _trainer = new(registry, data);

    /// <summary>Trials run at once; the processor count by default.</summary>
    public int Parallelism
    {
        get;
        set => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Parallelism), value, "At least one trial must run at a time.");
    } = Environment.ProcessorCount;

    /// <summary>Where this runner's trials say they ran.</summary>
    public string Host { get; init; } = TrialTrainer.LocalHost;

    /// <summary>Runs every trial of <paramref name="trials"/> not yet finished in <paramref name="folder"/>; returns all their results in trial order.</summary>
    /// <exception cref="SweepDefinitionException">A trial is invalid; nothing has run.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; finished trials and checkpoints stay in the folder.</exception>
    /// <exception cref="AggregateException">A trial failed for another reason than divergence (e.g. a full disk); the others were stopped.</exception>
    public IReadOnlyList<TrialResult> Run(IReadOnlyList<TrialSettings> trials, SweepFolder folder, ISweepProgress? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(folder);
        foreach (TrialSettings trial in trials)
            trial.Validate(registry);

        var results = new TrialResult?[trials.Count];
        var pending = new Queue<int>();
        for (int i = 0; i < trials.Count; i++)
        {
            results[i] = folder.FindResult(trials[i].Id);
            if (results[i] is null)
                pending.Enqueue(i);
        }
        progress?.SweepStarted(trials.Count, trials.Count - pending.Count);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var failures = new List<Exception>();
        void Work()
        {
            KernelThreads.CountForCurrentThread = 1;
            while (!stop.IsCancellationRequested)
            {
                int index;
                lock (pending)
                {
                    if (!pending.TryDequeue(out index))
                        return;
                }
                TrialSettings trial = trials[index];
                try
                {
                    TrialCheckpoint? checkpoint = folder.Load(trial.Id);
                    progress?.TrialStarted(trial, checkpoint?.EpochsCompleted ?? 0, Host);
                    TrialOutcome outcome = _trainer.Run(trial, Host, folder, progress is null ? null : progress.TrialEpoch, stop.Token);
                    folder.Save(outcome);
                    results[index] = outcome.Result;
                    progress?.TrialFinished(outcome.Result);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    lock (failures)
                        failures.Add(e);
                    stop.Cancel();
                    return;
                }
            }
        }

        Thread[] threads = [.. Enumerable.Range(0, Math.Min(Parallelism, Math.Max(pending.Count, 1)))
            .Select(i => new Thread(Work) { Name = $"sweep trial {i}", IsBackground = true })];
        foreach (Thread thread in threads)
            thread.Start();
        foreach (Thread thread in threads)
            thread.Join();

        if (failures.Count > 0)
            throw new AggregateException("A trial of the sweep failed; finished trials and checkpoints are kept in " + folder.Path, failures);
        cancellationToken.ThrowIfCancellationRequested();
        return [.. results.Select(r => r!)];
    }
}
