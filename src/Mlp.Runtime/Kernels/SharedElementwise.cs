using System.Runtime.InteropServices;
using Mlp.Threading;

namespace Mlp.Kernels;

/// <summary>
/// Shares an elementwise kernel (each output element depends only on the elements at the same index) with kernel
/// workers, cut by an <see cref="ElementwisePartition"/>, so the results are the same bits on any number of threads.
/// </summary>
internal static unsafe class SharedElementwise
{
    /// <summary>Runs <paramref name="body"/> over up to four operands of one length, shared when worthwhile; false when it should run alone.</summary>
    /// <param name="body">
    /// Computes a part: its operands (null where the kernel has fewer) offset to the part's first element, the part's
    /// length and the kernel's scalar parameter.
    /// </param>
    /// <param name="costPerElement">The work per element in multiply-adds of a matrix product (about 0.01 ns each).</param>
    /// <param name="a">The first operand; its length is the run's.</param>
    /// <param name="b">The second operand.</param>
    /// <param name="c">The third operand, or empty.</param>
    /// <param name="d">The fourth operand, or empty.</param>
    /// <param name="scalar">The kernel's scalar parameter, if any.</param>
    public static bool TryRun(delegate*<float*, float*, float*, float*, int, float, void> body, int costPerElement,
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c = default, ReadOnlySpan<float> d = default, float scalar = 0f)
    {
        if (!ElementwisePartition.TryPlan(a.Length, costPerElement, out ElementwisePartition plan))
            return false;
        fixed (float* pa = a, pb = b, pc = c, pd = d)
        {
            var job = new ElementwiseJob(body, plan, pa, pb, pc, pd, scalar);
            KernelWorker.RunShared(ref job, plan.Threads);
        }
        return true;
    }

    /// <summary>A span over <paramref name="length"/> floats at <paramref name="start"/>, read-only.</summary>
    public static ReadOnlySpan<float> In(float* start, int length) => new(start, length);

    /// <summary>A span over <paramref name="length"/> floats at <paramref name="start"/>.</summary>
    public static Span<float> Out(float* start, int length) => new(start, length);

    [StructLayout(LayoutKind.Auto)]
    private readonly struct ElementwiseJob(delegate*<float*, float*, float*, float*, int, float, void> body, ElementwisePartition plan, float* a, float* b, float* c, float* d, float scalar)
        : ISharedJob
    {
        public int Parts => plan.Parts;

        public void Run(int part, object? target)
        {
            (int offset, int length) = plan.Part(part);
            body(Offset(a, offset), Offset(b, offset), Offset(c, offset), Offset(d, offset), length, scalar);
        }

        private static float* Offset(float* p, int offset) => p == null ? null : p + offset;
    }
}
