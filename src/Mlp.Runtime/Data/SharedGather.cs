using Mlp.Kernels;

namespace Mlp.Data;

/// <summary>
/// Gathers a batch's rows on the two kernel threads when <see cref="KernelThreads.Count"/> is 2, each thread copying
/// half of the examples: the half the training step's elementwise kernels then give the same thread (see
/// <see cref="ElementwisePartition"/>), so its core already holds them. A copy, so the result is the same either way.
/// </summary>
internal static unsafe class SharedGather
{
    // A copied element, in multiply-adds of a matrix product (the rows mostly come from memory, not the caches).
    private const int CostPerElement = 4;

    /// <summary>Copies row <c>rows[r]</c> of <paramref name="source"/> to row r of <paramref name="destination"/> on two threads; false when not worthwhile.</summary>
    public static bool TryRun(ReadOnlySpan<float> source, int width, ReadOnlySpan<int> rows, Span<float> destination)
    {
        if (rows.Length < 2 || !KernelWorker.ShouldShare((long)rows.Length * width * CostPerElement))
            return false;
        fixed (float* s = source, d = destination)
        fixed (int* r = rows)
        {
            var job = new GatherJob(s, d, r, rows.Length, width);
            KernelWorker.RunShared(ref job);
        }
        return true;
    }

    private readonly struct GatherJob(float* source, float* destination, int* rows, int count, int width) : ISharedJob
    {
        public int Parts => 2;

        public uint WorkerParts => 0b10;

        public void Run(int part, object? target)
        {
            int half = count / 2;
            for (int r = part == 0 ? 0 : half, end = part == 0 ? half : count; r < end; r++)
                new ReadOnlySpan<float>(source + (nint)rows[r] * width, width).CopyTo(new Span<float>(destination + (nint)r * width, width));
        }
    }
}
