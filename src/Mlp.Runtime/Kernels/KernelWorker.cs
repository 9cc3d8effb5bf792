using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Mlp.Kernels;

/// <summary>
/// The one persistent worker thread that shares products with the calling thread. A job's two parts are
/// fixed by its shape (see <see cref="GemmJob.PlanSplit"/>); which thread runs which part is not: both claim
/// parts from one counter, so when the worker is late (descheduled on a busy machine) the caller simply
/// runs both parts itself, and the results are the same bits either way.
/// A hand-off is a volatile counter, not a task: the worker spins on it for <see cref="SpinMicroseconds"/>
/// after each job (a training step's products follow one another closely), then parks on an event.
/// </summary>
internal sealed class KernelWorker
{
    private const int SpinMicroseconds = 200;
    private const int Parts = 2;

    private static readonly object s_createLock = new();

    [ThreadStatic]
    private static bool t_leavePartToWorker;
    private static KernelWorker? s_instance;
    private static int s_owned;

    private readonly ManualResetEventSlim _wake = new(false);
    private readonly long _spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;
    private GemmJob _job;

    // The job's generation in the high 32 bits, the next unclaimed part in the low 32: one CAS claims a part
    // of exactly the job it was meant for.
    private long _claims;
    private int _completed;
    private int _sleeping;
    private long _partsRun;
    private Exception? _failure;

    private KernelWorker()
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = "Mlp kernel worker" };
        thread.Start();
    }

    /// <summary>Parts the worker thread has run since the process started: lets tests see that work was shared.</summary>
    public static long PartsRun => s_instance is { } worker ? Interlocked.Read(ref worker._partsRun) : 0;

    /// <summary>
    /// For tests: whether a caller on this thread runs only the first part it claims and leaves the other to
    /// the worker (so that a test can be sure the worker computed part of the result).
    /// </summary>
    internal static bool LeavePartToWorker
    {
        get => t_leavePartToWorker;
        set => t_leavePartToWorker = value;
    }

    /// <summary>
    /// Runs a job whose split is planned, sharing its parts with the worker. When another thread holds the
    /// worker, runs the whole job here instead.
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
            worker.Post(ref job, out int generation);
            try
            {
                for (int part = worker.Claim(generation); part >= 0; part = worker.Claim(generation))
                {
                    job.Run(part);
                    Interlocked.Increment(ref worker._completed);
                    if (t_leavePartToWorker)
                        break;
                }
            }
            finally
            {
                // The worker may be running a part over memory our caller pinned: never return before it is done.
                worker.WaitForCompletion();
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

    private void Post(ref GemmJob job, out int generation)
    {
        _job = job;
        _completed = 0;
        generation = (int)(Volatile.Read(ref _claims) >> 32) + 1;
        // Interlocked, so fenced: the job is visible before the generation, and _sleeping is read after it.
        Interlocked.Exchange(ref _claims, (long)generation << 32);
        if (Volatile.Read(ref _sleeping) != 0)
            _wake.Set();
    }

    // The next part of job `generation`, or −1 when all are claimed or a newer job has been posted.
    private int Claim(int generation)
    {
        while (true)
        {
            long claims = Volatile.Read(ref _claims);
            int next = (int)claims;
            if ((int)(claims >> 32) != generation || next >= Parts)
                return -1;
            if (Interlocked.CompareExchange(ref _claims, claims + 1, claims) == claims)
                return next;
        }
    }

    private void WaitForCompletion()
    {
        int spins = 0;
        while (Volatile.Read(ref _completed) != Parts)
        {
            // The worker holds a part but may have been descheduled: let it have the core now and then.
            if (++spins % 1024 == 0)
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
            // A part claimed for this generation keeps the caller waiting, so _job stays this job while it runs.
            for (int part = Claim(seen); part >= 0; part = Claim(seen))
            {
                try
                {
                    _job.Run(part);
                }
                catch (Exception e)
                {
                    _failure = e;
                }
                Interlocked.Increment(ref _partsRun);
                Interlocked.Increment(ref _completed);
            }
        }
    }

    // Waits until a generation newer than `seen` is posted and returns it.
    private int WaitForJob(int seen)
    {
        long deadline = Stopwatch.GetTimestamp() + _spinTicks;
        int spins = 0;
        while (true)
        {
            int posted = (int)(Volatile.Read(ref _claims) >> 32);
            if (posted != seen)
                return posted;
            if (++spins % 64 != 0 || Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(1);
                continue;
            }
            // Park. The poster publishes before reading _sleeping and we set _sleeping before re-reading
            // (both interlocked, so fenced): one of us sees the other, and no job is missed.
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if ((int)(Volatile.Read(ref _claims) >> 32) == seen)
                _wake.Wait();
            Volatile.Write(ref _sleeping, 0);
            deadline = Stopwatch.GetTimestamp() + _spinTicks;
        }
    }
}
