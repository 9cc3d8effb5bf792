using Mlp.Kernels.Products;
using Mlp.Threading;

// Public API: stays in Mlp.Kernels, the namespace src/Examples, bench/ and users import it from, beside the threading layer it configures.
namespace Mlp.Kernels;

/// <summary>
/// How many threads the kernels of a training step use: the matrix products (and so every generated model's
/// <c>Forward</c> and <c>Backward</c>), the activation kernels, the runtime's errors, the learning rules' updates, the
/// optimiser's finiteness check and the data providers' batch gathering. Work big enough to share is cut into parts
/// fixed by its shape alone (never by the thread count), which the calling thread and persistent worker threads
/// compute; every element is computed by the same operations whoever computes it, so results are bit-identical for
/// every thread count.
/// </summary>
/// <remarks>
/// The default is the number of physical cores the process may run on (<see cref="DefaultCount"/>). A job uses more
/// threads only as far as its work pays for the hand-off (about 2–4 µs of work per thread), so a small product runs on
/// fewer threads than <see cref="Count"/>. Each thread takes first a contiguous block of a job's parts (the same
/// examples, the same weight rows from one kernel to the next), then helps with the others'. Workers spin for a fraction
/// of a millisecond after each job (a step's kernels follow one another closely), then sleep: idle, they use no CPU.
/// When a worker keeps the caller waiting (preempted in the middle of its part on a busy machine) more than sharing
/// has lately saved, the calling thread stops sharing for a while (see <see cref="SharingPauses"/>). Several threads may
/// call kernels at once, each with its own count (<see cref="CountForCurrentThread"/>): they draw their workers from
/// one pool, and one that finds no free worker computes its parts itself.
/// </remarks>
public static class KernelThreads
{
    // Below this many multiply-adds per thread (about 10–20 µs of one core) the hand-off and the cache lines it moves
    // cost more than they save. At 1 << 17 (2–4 µs) the notebook's batch-50 products were shared, and its epochs ran
    // 0.82× (ex1) and 0.86× (ex2) as fast on two threads as on one (bench/compare.sh, 2-core EPYC, 2026-12-04); at
    // 1 << 21 they run alone, two threads match one there (0.157–0.168 s against 0.160–0.164 s for ex1), and the wide
    // model's step still gains 1.4× from the second thread.
    internal const long DefaultMinParallelWork = 1L << 21;

    // A part of a matrix product: about 5 µs of one core, so a step's products have a few parts per thread.
    private const long DefaultPartWork = 1L << 19;


    // Per calling thread, so that runs (and tests) on different threads do not disturb one another.
    [ThreadStatic]
    private static int t_countOverride;

    [ThreadStatic]
    private static long t_minParallelWorkOverride;

    /// <summary>The most threads the kernels can use: <see cref="Environment.ProcessorCount"/> (the logical processors the process may use).</summary>
    public static int Max => Environment.ProcessorCount;

    /// <summary>
    /// The default <see cref="Count"/>: the physical cores the process may run on (on Linux, its affinity mask and the
    /// processor topology, so that two hyper-threads of one core count once; elsewhere <see cref="Max"/>).
    /// </summary>
    public static int DefaultCount { get; } = Math.Clamp(PhysicalCores.Available(), 1, Environment.ProcessorCount);

    // After DefaultCount: static fields are initialised in the order they are declared.
    private static int s_count = DefaultCount;

    /// <summary>Threads per kernel, from 1 to <see cref="Max"/>; <see cref="DefaultCount"/> until set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="Max"/>.</exception>
    public static int Count
    {
        get => Volatile.Read(ref s_count);
        set
        {
            if (value < 1 || value > Max)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"KernelThreads.Count must be between 1 and {Max} (the processors this process may use).");
            Volatile.Write(ref s_count, value);
        }
    }

    /// <summary>
    /// How many times since the process started a calling thread found a worker late (preempted in the middle of its
    /// part, on a busy machine) and so stopped sharing for a while: a diagnostic of whether more threads pay here.
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
                throw new ArgumentOutOfRangeException(nameof(value), value, $"KernelThreads.CountForCurrentThread must be between 0 (follow Count) and {Max} (the processors this process may use).");
            t_countOverride = value;
        }
    }

    /// <summary>The thread count for kernels started on this thread: <see cref="CountForCurrentThread"/> if set, else <see cref="Count"/>.</summary>
    internal static int Effective => t_countOverride > 0 ? t_countOverride : Count;

    /// <summary>Jobs with less work per thread than this (in multiply-adds of a matrix product) use fewer threads.</summary>
    internal static long MinParallelWork => t_minParallelWorkOverride > 0 ? t_minParallelWorkOverride : DefaultMinParallelWork;

    /// <summary>
    /// About how many multiply-adds make a part of a matrix product (<see cref="GemmJob.Plan"/>): a few microseconds of
    /// one core. Tests lower it (with the sharing threshold) so that small shapes are cut too.
    /// </summary>
    internal static long PartWork => t_minParallelWorkOverride > 0 ? t_minParallelWorkOverride : DefaultPartWork;

    /// <summary>
    /// How many threads a job of <paramref name="work"/> multiply-adds started on this thread should use: at most
    /// <see cref="Effective"/>, and no more than its work keeps busy.
    /// </summary>
    internal static int For(long work)
    {
        int count = Effective;
        if (count == 1)
            return 1;
        long worth = work / MinParallelWork;
        return worth >= count ? count : (int)Math.Max(worth, 1);
    }

    /// <summary>For tests: the thread count (up to any number), sharing threshold and part size for kernels started on this thread (0 restores the defaults).</summary>
    internal static void OverrideForCurrentThread(int count, long minParallelWork)
    {
        t_countOverride = count;
        t_minParallelWorkOverride = minParallelWork;
    }
}
