using System.Runtime.CompilerServices;
using Mlp.Kernels;
using Mlp.Threading;

namespace Mlp.Data;

/// <summary>
/// Gathers a batch's rows on several kernel threads, each copying a contiguous block of the examples: about the block
/// the training step's elementwise kernels then give the same thread (see <see cref="ElementwisePartition"/>), so its
/// core already holds them. A copy, so the result is the same on any number of threads.
/// </summary>
internal static unsafe class SharedGather
{
    // A copied element, in multiply-adds of a matrix product (the rows mostly come from memory, not the caches).
    private const int CostPerElement = 4;

    /// <summary>
    /// Copies row <c>rows[r]</c> of <paramref name="source"/> to row r of <paramref name="destination"/> on several
    /// threads, each prefetching the rows of <paramref name="next"/> (empty, or as many as <paramref name="rows"/>) that
    /// it will gather next time into its own core's cache; false when not worthwhile.
    /// </summary>
    public static bool TryRun(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> rows, ReadOnlySpan<int> next, Span<float> destination)
    {
        // As many blocks of whole rows as the elementwise kernels cut the batch into parts.
        int parts = Math.Min(rows.Length, ElementwisePartition.PartsOf(rows.Length * width));
        if (parts < 2)
            return false;
        int threads = KernelWorker.ThreadsFor((long)rows.Length * width * CostPerElement);
        if (threads < 2)
            return false;
        fixed (float* s = source, d = destination)
        fixed (int* r = rows, n = next)
        {
            var job = new GatherJob(s, source.Length, d, r, n, rows.Length, width, parts);
            KernelWorker.RunShared(ref job, threads);
        }
        return true;
    }

    /// <summary>Rows <paramref name="first"/> to <paramref name="end"/> − 1 of the gather, each followed by the prefetch of the same row of <paramref name="next"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Rows(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> rows, ReadOnlySpan<int> next, Span<float> destination, int first, int end)
    {
        for (int r = first; r < end; r++)
        {
            source.Slice(rows[r] * width, width).CopyTo(destination.Slice(r * width, width));
            if (!next.IsEmpty)
                RowPrefetch.Row(source, width, next[r]);
        }
    }

    private readonly struct GatherJob(float* source, int sourceLength, float* destination, int* rows, int* next, int count, int width, int parts) : ISharedJob
    {
        public int Parts => parts;

        public void Run(int part, object? target)
        {
            Rows(new ReadOnlySpan<float>(source, sourceLength), width, new ReadOnlySpan<int>(rows, count),
                next == null ? [] : new ReadOnlySpan<int>(next, count), new Span<float>(destination, count * width),
                (int)((long)count * part / parts), (int)((long)count * (part + 1) / parts));
        }
    }
}
