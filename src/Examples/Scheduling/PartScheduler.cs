using System.Runtime.ExceptionServices;
using Mlp.Kernels;

namespace Mlp.Examples.Scheduling;

/// <summary>
/// Runs the notebook's parts, each on a thread of its own, at most <c>threads</c> at once when concurrent (one at a
/// time otherwise), each part as soon as the parts it needs have finished. Among the parts ready to start, the one
/// heading the longest remaining chain of costs starts first (exercise 2, which exercise 4 waits for, before PCA), so
/// the last part to finish is as early as the estimates allow. Each running part gets an equal share of the threads,
/// recomputed as parts start and finish. Parts must not depend on one another's timing: each has its own seeds, data
/// providers and model, so its results are the same in any schedule and with any share.
/// </summary>
public static class PartScheduler
{
    /// <summary>Runs every part; rethrows the first failure once the parts already running have finished.</summary>
    /// <param name="parts">The parts, in the order a sequential run takes them (each after the parts it needs).</param>
    /// <param name="threads">The threads to share, at least 1.</param>
    /// <param name="concurrent">Whether parts may run at once; false runs them one after the other in the given order.</param>
    /// <exception cref="ArgumentException">A key is repeated, or a part needs one that is not in the list or comes later.</exception>
    public static void Run(IReadOnlyList<NotebookPart> parts, int threads, bool concurrent)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        var index = new Dictionary<string, int>();
        for (int i = 0; i < parts.Count; i++)
        {
            if (!index.TryAdd(parts[i].Key, i))
                throw new ArgumentException($"Part '{parts[i].Key}' is listed twice.", nameof(parts));
            foreach (string before in parts[i].After)
                if (!index.ContainsKey(before))
                    throw new ArgumentException($"Part '{parts[i].Key}' needs '{before}', which is not listed before it.", nameof(parts));
        }

        double[] chain = ChainCosts(parts);
        int limit = concurrent ? threads : 1;
        var pending = Enumerable.Range(0, parts.Count).ToList();
        var done = new HashSet<string>();
        var running = new Dictionary<Task, int>();
        int runningCount = 0;
        ExceptionDispatchInfo? failure = null;
        int Share() => threads / Math.Max(1, Volatile.Read(ref runningCount));

        while (pending.Count > 0 || running.Count > 0)
        {
            while (failure is null && running.Count < limit)
            {
                var ready = pending.Where(p => parts[p].After.All(done.Contains)).ToList();
                if (ready.Count == 0)
                    break;
                int next = concurrent ? ready.OrderByDescending(p => chain[p]).ThenBy(p => p).First() : ready.Min();
                pending.Remove(next);
                Interlocked.Increment(ref runningCount);
                var share = new ThreadShare(Share);
                NotebookPart part = parts[next];
                running[Task.Factory.StartNew(() => RunOnThisThread(part, share), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)] = next;
            }
            if (running.Count == 0)
                break;   // after a failure: nothing left running, the rest is not started
            Task finished = Task.WhenAny(running.Keys).GetAwaiter().GetResult();
            int finishedIndex = running[finished];
            running.Remove(finished);
            Interlocked.Decrement(ref runningCount);
            if (finished.Exception is { } exception)
                failure ??= ExceptionDispatchInfo.Capture(exception.InnerException ?? exception);
            else
                done.Add(parts[finishedIndex].Key);
        }
        failure?.Throw();
    }

    private static void RunOnThisThread(NotebookPart part, ThreadShare share)
    {
        share.Apply();
        try
        {
            part.Work(share);
        }
        finally
        {
            KernelThreads.CountForCurrentThread = 0;
        }
    }

    // A part's cost plus the longest chain of costs of the parts that wait for it, directly or not.
    private static double[] ChainCosts(IReadOnlyList<NotebookPart> parts)
    {
        var chain = new double[parts.Count];
        for (int i = parts.Count - 1; i >= 0; i--)
        {
            double after = 0;
            for (int j = i + 1; j < parts.Count; j++)
                if (parts[j].After.Contains(parts[i].Key))
                    after = Math.Max(after, chain[j]);
            chain[i] = parts[i].Cost + after;
        }
        return chain;
    }
}
