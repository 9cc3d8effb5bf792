using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Mlp.Kernels;

namespace Mlp.Threading;

/// <summary>
/// The pool of persistent worker threads that share jobs (<see cref="ISharedJob"/>) with the threads calling kernels.
/// A caller recruits free workers for a job (as many as its thread count and the job's work allow), posts the job on
/// its <see cref="JobBoard"/>, and computes parts itself alongside them. A job's parts are fixed by its shape; which
/// thread runs which is not: each first claims the block of parts its place gives it, then takes over others'
/// unclaimed ones, so a late worker (descheduled on a busy machine) simply leaves more parts to the others, and the
/// results are the same bits either way.
/// </summary>
/// <remarks>
/// A hand-off is a volatile word, not a task: a worker spins on it for <see cref="SpinMicroseconds"/> after each job (a
/// training step's kernels follow one another closely), then parks on an event, so idle workers burn no core. Several
/// callers may run jobs at once: each recruits from the free workers, and one that finds none computes alone. The pool
/// grows, at first use, up to one worker fewer than <see cref="KernelThreads.Max"/> (or than a test's larger count).
/// When a caller, done with its own parts, has had to wait for a worker so much longer than it worked itself (the worker
/// was preempted in the middle of a part) that sharing has lately lost more than it saved, that caller stops sharing
/// for a while: <see cref="MinBackoffMilliseconds"/>, doubling up to <see cref="MaxBackoffMilliseconds"/> each time a
/// worker is late again within <see cref="BusyWindowMilliseconds"/> of sharing resuming, so that a busy machine costs
/// little more than running on one thread. With N threads a part is about 1/N of the job, so a preempted worker costs
/// the caller about 1/N of a job: the same account serves any N.
/// </remarks>
internal sealed class KernelWorker
{
    /// <summary>The most parts a job can have (one bit each in a board's claims word).</summary>
    public const int MaxParts = 64;

    private const int SpinMicroseconds = 200;
    private const int MinBackoffMilliseconds = 1;
    private const int MaxBackoffMilliseconds = 64;

    // A wait shorter than this never counts as a worker being late: a part can be longer than the caller's.
    private const int LateMicroseconds = 30;

    // The most time sharing may have saved on account, to set against later losses.
    private const int MaxCreditMicroseconds = 1000;

    // A late worker within this long of sharing resuming counts as the machine staying busy.
    private const int BusyWindowMilliseconds = 100;

    private static readonly long s_lateTicks = Stopwatch.Frequency * LateMicroseconds / 1_000_000;
    private static readonly long s_minBackoffTicks = Stopwatch.Frequency * MinBackoffMilliseconds / 1000;
    private static readonly long s_maxBackoffTicks = Stopwatch.Frequency * MaxBackoffMilliseconds / 1000;
    private static readonly long s_busyWindowTicks = Stopwatch.Frequency * BusyWindowMilliseconds / 1000;
    private static readonly long s_maxCreditTicks = Stopwatch.Frequency * MaxCreditMicroseconds / 1_000_000;
    private static readonly long s_spinTicks = Stopwatch.Frequency * SpinMicroseconds / 1_000_000;

    private static readonly object s_createLock = new();
    private static readonly KernelWorker?[] s_pool = new KernelWorker?[MaxParts - 1];
    private static int s_poolSize;
    private static long s_backoffs;

    // Per calling thread: its board, the test hook, and its account of what sharing has saved.
    [ThreadStatic]
    private static JobBoard? t_board;

    [ThreadStatic]
    private static bool t_leavePartToWorker;

    [ThreadStatic]
    private static long t_soloUntil;

    [ThreadStatic]
    private static long t_backoffTicks;

    [ThreadStatic]
    private static long t_resumedAt;

    [ThreadStatic]
    private static long t_balanceTicks;

    private readonly ManualResetEventSlim _wake = new(false);

    // 1 while a caller has recruited this worker and it has not yet finished with the job.
    private int _reserved;

    // The posting: a count the worker watches, and the board, generation and place it was recruited for.
    private long _posted;
    private JobBoard? _board;
    private int _generation;
    private int _participant;
    private int _sleeping;
    private long _partsRun;

    private KernelWorker(int index)
    {
        var thread = new Thread(Loop) { IsBackground = true, Name = $"Mlp kernel worker {index}" };
        thread.Start();
    }

    /// <summary>Parts the worker threads have run since the process started: lets tests see that work was shared.</summary>
    public static long PartsRun
    {
        get
        {
            long total = 0;
            int size = Volatile.Read(ref s_poolSize);
            for (int i = 0; i < size; i++)
                total += Interlocked.Read(ref s_pool[i]!._partsRun);
            return total;
        }
    }

    /// <summary>Parts of jobs started on the calling thread that workers have run: lets a test see that its own work was shared.</summary>
    public static long PartsRunForCurrentThread => t_board is { } board ? Interlocked.Read(ref board.HelperPartsRun) : 0;

    /// <summary>How many times sharing was paused because a worker was late (for diagnostics and tests).</summary>
    public static long Backoffs => Interlocked.Read(ref s_backoffs);

    /// <summary>
    /// For tests: whether a caller on this thread leaves the workers' parts to them (never taking them over) and
    /// ignores the back-off, so that a test can be sure the workers computed part of the result.
    /// </summary>
    internal static bool LeavePartToWorker
    {
        get => t_leavePartToWorker;
        set => t_leavePartToWorker = value;
    }

    /// <summary>
    /// How many threads a job of about <paramref name="work"/> units (multiply-adds, or elements weighted by their
    /// cost) started on this thread should use: 1 when sharing is not worth it or paused. Cheap enough to ask before
    /// every kernel call.
    /// </summary>
    public static int ThreadsFor(long work)
    {
        int threads = KernelThreads.For(work);
        if (threads > 1 && !t_leavePartToWorker && Stopwatch.GetTimestamp() < t_soloUntil)
            return 1;
        return threads;
    }

    /// <summary>Whether a job of about <paramref name="work"/> units started on this thread should be shared (see <see cref="ThreadsFor"/>).</summary>
    public static bool ShouldShare(long work) => ThreadsFor(work) > 1;

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
    /// Runs <paramref name="job"/> on up to <paramref name="threads"/> threads (this one and free workers); when no
    /// worker is free, or the job has one part, runs it all here. <paramref name="job"/> must point only to memory
    /// that stays put until this returns (pinned or native), and be at most <see cref="JobBoard.JobBytes"/> bytes.
    /// </summary>
    public static void RunShared<TJob>(ref TJob job, int threads, object? target = null)
        where TJob : unmanaged, ISharedJob
    {
        if (!TryRunShared(ref job, threads, target))
            RunHere(ref job, target);
    }

    /// <summary>
    /// <see cref="RunShared"/>, except that when no worker is free (or the job has one part) it runs nothing and returns
    /// false, so the caller can run the job whole its own way.
    /// </summary>
    public static unsafe bool TryRunShared<TJob>(ref TJob job, int threads, object? target = null)
        where TJob : unmanaged, ISharedJob
    {
        int parts = job.Parts;
        Debug.Assert(parts is >= 1 and <= MaxParts && sizeof(TJob) <= JobBoard.JobBytes);
        int wanted = Math.Min(threads, parts) - 1;
        if (wanted <= 0)
            return false;
        JobBoard board = t_board ??= new JobBoard();
        // Retire the previous job: a worker that has not yet looked at it sees the new generation and leaves; one that
        // is still looking (it finds no part left) is waited for, so that the board can be rewritten.
        int generation = Interlocked.Increment(ref board.Generation);
        while (Volatile.Read(ref board.Active) != 0)
            Thread.SpinWait(1);
        int helpers = Recruit(board.Helpers, wanted);
        if (helpers == 0)
            return false;
        Unsafe.Write(board.Job, job);
        board.Invoke = &Invoke<TJob>;
        board.Target = target;
        board.Parts = parts;
        board.Participants = helpers + 1;
        board.Completed = 0;
        board.Claims = 0;
        board.Failure = null;
        long posted = Stopwatch.GetTimestamp();
        for (int i = 0; i < helpers; i++)
        {
            board.Helpers[i]!.Post(board, generation, i + 1);
            board.Helpers[i] = null;
        }
        bool steal = !t_leavePartToWorker;
        long waitStart;
        bool failed = true;
        try
        {
            for (int part = board.Claim(0, steal); part >= 0; part = board.Claim(0, steal))
            {
                try
                {
                    job.Run(part, target);
                }
                finally
                {
                    Interlocked.Increment(ref board.Completed);
                }
            }
            failed = false;
        }
        finally
        {
            // After a failure here, parts nobody has claimed are dropped. A worker may be running a part over memory
            // our caller pinned: never return before it is done.
            if (failed)
                board.CancelUnclaimed();
            waitStart = Stopwatch.GetTimestamp();
            WaitForCompletion(board, parts);
            board.Target = null;
        }
        if (!t_leavePartToWorker)
            Pace(waitStart - posted, Stopwatch.GetTimestamp() - waitStart);
        if (board.Failure is { } failure)
        {
            board.Failure = null;
            ExceptionDispatchInfo.Throw(failure);
        }
        return true;
    }

    // Reserves up to `wanted` free workers into `helpers`, growing the pool at first use; returns how many.
    private static int Recruit(KernelWorker?[] helpers, int wanted)
    {
        int found = 0;
        int size = Volatile.Read(ref s_poolSize);
        for (int i = 0; i < size && found < wanted; i++)
        {
            KernelWorker worker = s_pool[i]!;
            if (Volatile.Read(ref worker._reserved) == 0 && Interlocked.CompareExchange(ref worker._reserved, 1, 0) == 0)
                helpers[found++] = worker;
        }
        // The pool holds at most one worker fewer than the machine's processors (or than the largest count a test
        // asks for), so concurrent callers together never run more threads than that plus themselves.
        int limit = Math.Min(Math.Max(KernelThreads.Max, KernelThreads.Effective) - 1, s_pool.Length);
        while (found < wanted && Volatile.Read(ref s_poolSize) < limit)
        {
            KernelWorker? created = Create(limit);
            if (created is null)
                break;
            helpers[found++] = created;
        }
        // A test that leaves parts to workers must get one even while other tests hold the pool.
        if (found == 0 && t_leavePartToWorker)
            helpers[found++] = Create(s_pool.Length) ?? throw new InvalidOperationException("The kernel worker pool is exhausted.");
        return found;
    }

    // Adds a worker, already reserved for the caller, unless the pool is full.
    private static KernelWorker? Create(int limit)
    {
        lock (s_createLock)
        {
            int size = s_poolSize;
            if (size >= limit)
                return null;
            var worker = new KernelWorker(size) { _reserved = 1 };
            s_pool[size] = worker;
            Volatile.Write(ref s_poolSize, size + 1);
            return worker;
        }
    }

    // Keeps the calling thread's account of what sharing has saved: a job whose caller waited less than it worked
    // saved about the difference (the workers' parts ran alongside), one whose caller waited longer (a worker was
    // preempted in the middle of its part) lost it. Credit is capped, so a machine that turns busy is noticed within a
    // millisecond or so of losses; when the account goes negative, sharing pauses, the pause doubling (up to
    // MaxBackoffMilliseconds) while losses recur within BusyWindowMilliseconds of sharing resuming.
    private static void Pace(long workedTicks, long waitedTicks)
    {
        long balance = Math.Min(t_balanceTicks + workedTicks - waitedTicks, s_maxCreditTicks);
        if (balance >= 0 || waitedTicks <= s_lateTicks)
        {
            t_balanceTicks = Math.Max(balance, -s_maxCreditTicks);
            return;
        }
        long now = Stopwatch.GetTimestamp();
        long backoff = now - t_resumedAt < s_busyWindowTicks ? Math.Min(2 * Math.Max(t_backoffTicks, s_minBackoffTicks), s_maxBackoffTicks) : s_minBackoffTicks;
        t_backoffTicks = backoff;
        t_resumedAt = now + backoff;
        t_balanceTicks = 0;
        t_soloUntil = now + backoff;
        Interlocked.Increment(ref s_backoffs);
    }

    private static unsafe void Invoke<TJob>(void* job, object? target, int part)
        where TJob : unmanaged, ISharedJob =>
        Unsafe.AsRef<TJob>(job).Run(part, target);

    private static void WaitForCompletion(JobBoard board, int parts)
    {
        int spins = 0;
        while (Volatile.Read(ref board.Completed) != parts)
        {
            // A worker holds a part but may have been descheduled: let it have the core now and then.
            if (++spins % 1024 == 0)
                Thread.Yield();
            else
                Thread.SpinWait(1);
        }
    }

    private void Post(JobBoard board, int generation, int participant)
    {
        _board = board;
        _generation = generation;
        _participant = participant;
        // Interlocked, so fenced: the posting is visible before the count, and _sleeping is read after it.
        Interlocked.Increment(ref _posted);
        if (Volatile.Read(ref _sleeping) != 0)
            _wake.Set();
    }

    private unsafe void Loop()
    {
        long seen = 0;
        while (true)
        {
            seen = WaitForPost(seen);
            JobBoard board = _board!;
            int generation = _generation, participant = _participant;
            // Counted in Active before checking the generation: see JobBoard.
            Interlocked.Increment(ref board.Active);
            if (Volatile.Read(ref board.Generation) == generation)
            {
                for (int part = board.Claim(participant, steal: true); part >= 0; part = board.Claim(participant, steal: true))
                {
                    try
                    {
                        board.Invoke(board.Job, board.Target, part);
                    }
                    catch (Exception e)
                    {
                        board.Failure = e;
                    }
                    Interlocked.Increment(ref _partsRun);
                    Interlocked.Increment(ref board.HelperPartsRun);
                    Interlocked.Increment(ref board.Completed);
                }
            }
            // Free before leaving the board: a caller that waits for Active to drain before its next job then finds
            // this worker free to recruit again. A caller may recruit it (and post) before it leaves: the posting is
            // read only at the top of the loop, after this.
            Volatile.Write(ref _reserved, 0);
            Interlocked.Decrement(ref board.Active);
        }
    }

    // Waits until a posting newer than `seen` arrives and returns its count.
    private long WaitForPost(long seen)
    {
        long deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        int spins = 0;
        while (true)
        {
            long posted = Volatile.Read(ref _posted);
            if (posted != seen)
                return posted;
            if (++spins % 64 != 0 || Stopwatch.GetTimestamp() < deadline)
            {
                Thread.SpinWait(1);
                continue;
            }
            // Park. The poster publishes before reading _sleeping and we set _sleeping before re-reading
            // (both interlocked, so fenced): one of us sees the other, and no posting is missed.
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (Volatile.Read(ref _posted) == seen)
                _wake.Wait();
            Volatile.Write(ref _sleeping, 0);
            deadline = Stopwatch.GetTimestamp() + s_spinTicks;
        }
    }
}
