using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Mlp.Kernels;

/// <summary>
/// The one persistent worker thread that takes part 1 of a shared product while the caller computes part 0.
/// A hand-off is a volatile generation counter, not a task: the worker spins on it for
/// <see cref="SpinMicroseconds"/> after each job (a training step's products follow one another closely),
/// then parks on an event until the next job is posted.
/// </summary>
internal sealed class KernelWorker
{
    private const int SpinMicroseconds = 200;

    private static readonly object s_createLock = new();
    private static KernelWorker? s_instance;
    private static int s_owned;

    private readonly ManualResetEventSlim _wake = new(false);
    private readonly long _spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
    private GemmJob _job;
    private int _posted;
    private int _finished;
    private int _sleeping;
    private long _jobsRun;
    private Exception? _failure;

    private KernelWorker()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "Mlp kernel worker" };
        thread.Start();
    }

    /// <summary>Jobs the worker has run since the process started: lets tests see that work was shared.</summary>
    public static long JobsRun => s_instance is { } worker ? Interlocked.Read(ref worker._jobsRun) : 0;

    /// <summary>
    /// Runs a job whose split is planned: part 0 here, part 1 on the worker. When another thread holds the
    /// worker, runs the whole job here instead (same bits).
    /// </summary>
    public static void RunShared(ref GemmJob job)
    {
        if (Interlocked.CompareExchange(ref s_owned, 1, 0) != 0)
        {
            job.Run(-1);
            return;
        }
        try
        {
            KernelWorker worker = s_instance ?? Create();
            worker._job = job;
            int generation = worker._posted + 1;
            Interlocked.Exchange(ref worker._posted, generation);
            if (Volatile.Read(ref worker._sleeping) != 0)
                worker._wake.Set();
            try
            {
                job.Run(0);
            }
            finally
            {
                // The worker reads memory pinned by our caller: never return before it is done.
                worker.WaitFor(generation);
            }
            if (worker._failure is { } failure)
            {
                worker._failure = null;
                ExceptionDispatchInfo.Throw(failure);
            }
        }
        finally
        {
            Volatile.Write(ref s_owned, 0);
        }
    }

    private static KernelWorker Create()
    {
        lock (s_createLock)
            return s_instance ??= new KernelWorker();
    }

    private void WaitFor(int generation)
    {
        int spins = 0;
        while (Volatile.Read(ref _finished) != generation)
        {
            // The worker may have been descheduled on a busy machine: let it have the core now and then.
            if (++spins % 4096 == 0)
                Thread.Yield();
            else
                Thread.SpinWait(1);
        }
    }

    private void Loop()
    {
        int seen = 0;
        while (true)
        {
            seen = WaitForJob(seen);
            try
            {
                _job.Run(1);
            }
            catch (Exception e)
            {
                _failure = e;
            }
            Interlocked.Increment(ref _jobsRun);
            Volatile.Write(ref _finished, seen);
        }
    }

    private int WaitForJob(int seen)
    {
        long deadline = Stopwatch.GetTimestamp() + _spinTicks;
        int spins = 0;
        while (true)
        {
            int posted = Volatile.Read(ref _posted);
            if (posted != seen)
                return posted;
            if (++spins % 64 != 0 || Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(1);
                continue;
            }
            // Park. The poster sets _posted before reading _sleeping and we set _sleeping before re-reading
            // _posted (both interlocked, so fenced): one of us sees the other, and no job is missed.
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _posted) == seen)
                _wake.Wait();
            Volatile.Write(ref _sleeping, 0);
            deadline = Stopwatch.GetTimestamp() + _spinTicks;
        }
    }
}
