namespace Mlp.Kernels;

/// <summary>
/// How many threads the kernels of a training step use: the matrix products (and so every generated model's
/// <c>Forward</c> and <c>Backward</c>), the activation kernels, the runtime's errors, the learning rules' updates, the
/// optimiser's finiteness check and the data providers' batch gathering. Work big enough to share is split in a fixed
/// way, chosen from the shapes alone, between the calling thread and one persistent worker thread; every element is
/// computed by the same operations either way, so results are bit-identical for 1 and 2 threads.
/// </summary>
/// <remarks>
/// The default is 1. Set 2 where a second core is free. Each thread keeps one contiguous half of every large buffer
/// across a step (the same examples, the same weight rows): on the 2-core VM this was tuned on, a write to a cache line
/// the other core has read costs several times the write, so a step's speed-up depends as much on that as on the
/// work. There, two threads made the notebook's batch-50 epochs 1.2–1.45× faster on a quiet machine, and a
/// 784-1024-1024-10 step at batch 256 1.8× faster. The worker spins for a fraction of a millisecond after each job (so
/// the next one starts without a wake-up); when the operating system preempts it in the middle of its part the caller
/// must wait for it, so sharing pauses whenever it has lately cost more than it saved (see
/// <see cref="SharingPauses"/>). When two threads call kernels at once, only one of them gets the worker; the other
/// computes alone.
/// </remarks>
public static class KernelThreads
{
    /// <summary>The most threads a product can use: the calling thread and one worker.</summary>
    public const int Max = 2;

    // Below this many multiply-adds (about 2–4 µs of work) the hand-off costs more than it saves.
    internal const long DefaultMinParallelWork = 1L << 17;

    private static int s_count = 1;

    // Per calling thread, so that runs (and tests) on different threads do not disturb one another.
    [ThreadStatic]
    private static int t_countOverride;

    [ThreadStatic]
    private static long t_minParallelWorkOverride;

    /// <summary>Threads per matrix product: 1 (the default) or 2.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not 1 or 2.</exception>
    public static int Count
    {
        get => Volatile.Read(ref s_count);
        set
        {
            if (value is < 1 or > Max)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"KernelThreads.Count must be between 1 and {Max}.");
            Volatile.Write(ref s_count, value);
        }
    }

    /// <summary>
    /// How many times since the process started the calling thread found the worker late (preempted in the middle of
    /// its part, on a busy machine) and so stopped sharing for a while: a diagnostic of whether two threads pay here.
    /// </summary>
    public static long SharingPauses => KernelWorker.Backoffs;

    /// <summary>
    /// The thread count for kernels called on the current thread, overriding <see cref="Count"/> for this thread
    /// alone; 0 (the default) follows <see cref="Count"/>. Lets concurrent runs each take their own share of the cores
    /// (a sweep's trials one thread each, the notebook's exercises a share each) without touching the process-wide
    /// setting. Results do not depend on it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="Max"/>.</exception>
    public static int CountForCurrentThread
    {
        get => t_countOverride;
        set
        {
            if (value < 0 || value > Max)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"KernelThreads.CountForCurrentThread must be between 0 (follow Count) and {Max}.");
            t_countOverride = value;
        }
    }

    /// <summary>The thread count for kernels started on this thread: <see cref="CountForCurrentThread"/> if set, else <see cref="Count"/>.</summary>
    internal static int Effective => t_countOverride > 0 ? t_countOverride : Count;

    /// <summary>Products with fewer multiply-adds than this run on the calling thread alone.</summary>
    internal static long MinParallelWork => t_minParallelWorkOverride > 0 ? t_minParallelWorkOverride : DefaultMinParallelWork;

    /// <summary>For tests: the thread count and sharing threshold for products started on this thread (0 restores the defaults).</summary>
    internal static void OverrideForCurrentThread(int count, long minParallelWork)
    {
        t_countOverride = count;
        t_minParallelWorkOverride = minParallelWork;
    }
}
