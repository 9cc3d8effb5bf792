using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>
/// The one persistent worker thread that shares jobs (<see cref="ISharedJob"/>) with the calling thread. A job's parts
/// are fixed by its shape; which thread runs which part is not: each thread first claims the parts the job assigns
/// it, then takes over the other thread's unclaimed ones, so when the worker is late (descheduled on a busy machine)
/// the caller simply runs more parts itself, and the results are the same bits either way.
/// </summary>
/// <remarks>
/// A hand-off is a volatile word, not a task: the worker spins on it for <see cref="SpinMicroseconds"/> after each
/// job (a training step's kernels follow one another closely), then parks on an event. When the caller, done with
/// its own parts, has had to wait for the worker so much longer than it worked itself (the worker was preempted in the
/// middle of a part) that sharing has lately lost more than it saved, sharing stops for a while:
/// <see cref="MinBackoffMilliseconds"/>, doubling up to
/// <see cref="MaxBackoffMilliseconds"/> each time the worker is late again within <see cref="BusyWindowMilliseconds"/>
/// of sharing resuming, so that a busy machine costs little more than running on one thread.
/// </remarks>
internal sealed unsafe class KernelWorker
{
    /// <summary>The most parts a job can have (one bit each in the claims word).</summary>
    public const int MaxParts = 32;

    private const int SpinMicroseconds = 200;
    private const int MinBackoffMilliseconds = 1;
    private const int MaxBackoffMilliseconds = 64;

    // A wait shorter than this never counts as the worker being late: a part can be longer than the caller's.
    private const int LateMicroseconds = 30;

    // The most time sharing may have saved on account, to set against later losses.
    private const int MaxCreditMicroseconds = 1000;

    // A late worker within this long of sharing resuming counts as the machine staying busy.
    private const int BusyWindowMilliseconds = 100;

    private const int JobBytes = 256;

    private static readonly object s_createLock = new();
    private static readonly long s_lateTicks = Stopwatch.Frequency * LateMicroseconds / 1_000_000;
    private static readonly long s_minBackoffTicks = Stopwatch.Frequency * MinBackoffMilliseconds / 1000;
    private static readonly long s_maxBackoffTicks = Stopwatch.Frequency * MaxBackoffMilliseconds / 1000;
    private static readonly long s_busyWindowTicks = Stopwatch.Frequency * BusyWindowMilliseconds / 1000;
    private static readonly long s_maxCreditTicks = Stopwatch.Frequency * MaxCreditMicroseconds / 1_000_000;

    [ThreadStatic]
    private static bool t_leavePartToWorker;
    private static KernelWorker? s_instance;
    private static int s_owned;
    private static long s_soloUntil;
    private static long s_backoffTicks = s_minBackoffTicks;
    private static long s_backoffs;
    private static long s_resumedAt;
    private static long s_balanceTicks;

    private readonly ManualResetEventSlim _wake = new(false);
    private readonly long _spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;

    // The posted job: a copy of the caller's struct, the function that runs one of its parts, and its target.
    private readonly void* _job = NativeMemory.AlignedAlloc(JobBytes, 64);
    private delegate*<void*, object?, int, void> _invoke;
    private object? _target;
    private uint _allParts;
    private uint _workerParts;

    // The job's generation in the high 32 bits, a bit per claimed part in the low 32: one CAS claims a part of
    // exactly the job it was meant for.
    private long _claims;
    private int _completed;
    private int _partCount;
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

    /// <summary>How many times sharing was paused because the worker was late (for diagnostics and tests).</summary>
    public static long Backoffs => Interlocked.Read(ref s_backoffs);

    /// <summary>
    /// For tests: whether a caller on this thread leaves the worker's parts to the worker (never taking them over)
    /// and ignores the back-off, so that a test can be sure the worker computed part of the result.
    /// </summary>
    internal static bool LeavePartToWorker
    {
        get => t_leavePartToWorker;
        set => t_leavePartToWorker = value;
    }

    /// <summary>
    /// Whether a job of about <paramref name="work"/> units (multiply-adds, or elements weighted by their cost) started
    /// on this thread should be shared: two threads are allowed, the job is worth a hand-off, and sharing is not
    /// paused. Cheap enough to ask before every kernel call.
    /// </summary>
    public static bool ShouldShare(long work) =>
        KernelThreads.Effective > 1 && work >= KernelThreads.MinParallelWork
        && (t_leavePartToWorker || Stopwatch.GetTimestamp() >= Volatile.Read(ref s_soloUntil));

    /// <summary>Runs every part of <paramref name="job"/> on this thread, in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RunHere<TJob>(ref TJob job, object? target = null)
        where TJob : unmanaged, ISharedJob
    {
        int parts = job.Parts;
        for (int part = 0; part < parts; part++)
            job.Run(part, target);
    }

    /// <summary>
    /// Runs <paramref name="job"/>, sharing its parts with the worker. When another thread holds the worker, or the job
    /// has one part, runs it all here instead. <paramref name="job"/> must point only to memory that stays put until
    /// this returns (pinned or native), and be at most 256 bytes.
    /// </summary>
    public static void RunShared<TJob>(ref TJob job, object? target = null)
        where TJob : unmanaged, ISharedJob
    {
        int parts = job.Parts;
        Debug.Assert(parts is >= 1 and <= MaxParts && sizeof(TJob) <= JobBytes);
        if (parts == 1 || Interlocked.CompareExchange(ref s_owned, 1, 0) != 0)
        {
            RunHere(ref job, target);
            return;
        }
        try
        {
            KernelWorker worker = s_instance ?? Create();
            long posted = Stopwatch.GetTimestamp();
            int generation = worker.Post(ref job, target);
            uint mine = worker._allParts & ~worker._workerParts;
            bool steal = !t_leavePartToWorker;
            long waitStart;
            bool failed = true;
            try
            {
                for (int part = worker.Claim(generation, mine, steal); part >= 0; part = worker.Claim(generation, mine, steal))
                {
                    try
                    {
                        job.Run(part, target);
                    }
                    finally
                    {
                        Interlocked.Increment(ref worker._completed);
                    }
                }
                failed = false;
            }
            finally
            {
                // After a failure here, parts nobody has claimed are dropped. The worker may be running a part over
                // memory our caller pinned: never return before it is done.
                if (failed)
                    worker.CancelUnclaimed(generation);
                waitStart = Stopwatch.GetTimestamp();
                worker.WaitForCompletion();
            }
            worker._target = null;
            if (!t_leavePartToWorker)
                Pace(waitStart - posted, Stopwatch.GetTimestamp() - waitStart);
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

    // Keeps an account of what sharing has saved: a job whose caller waited less than it worked saved about the
    // difference (the worker's part ran alongside), one whose caller waited longer (the worker was preempted in the
    // middle of its part) lost it. Credit is capped, so a machine that turns busy is noticed within a millisecond or
    // so of losses; when the account goes negative, sharing pauses, the pause doubling (up to MaxBackoffMilliseconds)
    // while losses recur within BusyWindowMilliseconds of sharing resuming.
    private static void Pace(long workedTicks, long waitedTicks)
    {
        long balance = Math.Min(s_balanceTicks + workedTicks - waitedTicks, s_maxCreditTicks);
        if (balance >= 0 || waitedTicks <= s_lateTicks)
        {
            s_balanceTicks = Math.Max(balance, -s_maxCreditTicks);
            return;
        }
        long now = Stopwatch.GetTimestamp();
        long backoff = now - s_resumedAt < s_busyWindowTicks ? Math.Min(2 * s_backoffTicks, s_maxBackoffTicks) : s_minBackoffTicks;
        s_backoffTicks = backoff;
        s_resumedAt = now + backoff;
        s_balanceTicks = 0;
        Volatile.Write(ref s_soloUntil, now + backoff);
        Interlocked.Increment(ref s_backoffs);
    }

    private static KernelWorker Create()
    {
        lock (s_createLock)
            return s_instance ??= new KernelWorker();
    }

    private int Post<TJob>(ref TJob job, object? target)
        where TJob : unmanaged, ISharedJob
    {
        Unsafe.Write(_job, job);
        _invoke = &Invoke<TJob>;
        _target = target;
        _partCount = job.Parts;
        _allParts = job.Parts == 32 ? uint.MaxValue : (1u << job.Parts) - 1;
        _workerParts = job.WorkerParts & _allParts;
        _completed = 0;
        int generation = (int)(Volatile.Read(ref _claims) >> 32) + 1;
        // Interlocked, so fenced: the job is visible before the generation, and _sleeping is read after it.
        Interlocked.Exchange(ref _claims, (long)generation << 32);
        if (Volatile.Read(ref _sleeping) != 0)
            _wake.Set();
        return generation;
    }

    private static void Invoke<TJob>(void* job, object? target, int part)
        where TJob : unmanaged, ISharedJob =>
        Unsafe.AsRef<TJob>(job).Run(part, target);

    // The next part of job `generation`: the lowest unclaimed one of `preferred`, else (when stealing) the highest
    // unclaimed one of the rest; −1 when there is none or a newer job has been posted.
    private int Claim(int generation, uint preferred, bool steal)
    {
        while (true)
        {
            long claims = Volatile.Read(ref _claims);
            if ((int)(claims >> 32) != generation)
                return -1;
            uint free = _allParts & ~(uint)claims;
            int part;
            if ((free & preferred) != 0)
                part = BitOperations.TrailingZeroCount(free & preferred);
            else if (steal && free != 0)
                part = 31 - BitOperations.LeadingZeroCount(free);
            else
                return -1;
            if (Interlocked.CompareExchange(ref _claims, claims | (1L << part), claims) == claims)
                return part;
        }
    }

    // Claims every part still unclaimed, counting each as completed without running it.
    private void CancelUnclaimed(int generation)
    {
        while (true)
        {
            long claims = Volatile.Read(ref _claims);
            uint free = _allParts & ~(uint)claims;
            if ((int)(claims >> 32) != generation || free == 0)
                return;
            if (Interlocked.CompareExchange(ref _claims, claims | free, claims) == claims)
            {
                Interlocked.Add(ref _completed, BitOperations.PopCount(free));
                return;
            }
        }
    }

    private void WaitForCompletion()
    {
        int spins = 0;
        while (Volatile.Read(ref _completed) != _partCount)
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
            // A part claimed for this generation keeps the caller waiting, so the job stays this job while it runs.
            for (int part = Claim(seen, _workerParts, steal: true); part >= 0; part = Claim(seen, _workerParts, steal: true))
            {
                try
                {
                    _invoke(_job, _target, part);
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
