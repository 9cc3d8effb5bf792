using Mlp.Kernels;

namespace Mlp.LearningRules;

/// <summary>
/// Shares an elementwise learning rule's update of a run of parameters (the whole buffer when nothing is frozen) with
/// kernel workers, cut by <see cref="ElementwisePartition"/> at multiples of 64 elements: weight matrices are stored
/// row by row, so each thread's block is whole output units, roughly those its core wrote the gradients of. Elementwise
/// rules give each element the same bits wherever a run is cut, so the result is that of one sweep.
/// </summary>
internal static class SharedUpdate
{
    // An update costs about 4 (gradient descent) to 16 (Adam) multiply-adds of a matrix product per parameter.
    private const int CostPerParameter = 8;

    /// <summary>
    /// Updates parameters <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1 on
    /// several threads; false when not worthwhile. <paramref name="finite"/> says whether every new value is finite
    /// (each part ORs its own check into one flag, so the answer does not depend on the order parts finish).
    /// </summary>
    public static unsafe bool TryRun(LearningRule rule, int start, int length, out bool finite)
    {
        finite = true;
        if (!ElementwisePartition.TryPlan(length, CostPerParameter, out ElementwisePartition plan))
            return false;
        int flag = 1;
        var job = new RangeJob(start, plan, &flag);
        KernelWorker.RunShared(ref job, plan.Threads, rule);
        finite = flag != 0;
        return true;
    }

    // A part that wrote a non-finite value clears the flag (several may: they only ever write 0).
    private readonly unsafe struct RangeJob(int start, ElementwisePartition plan, int* finite) : ISharedJob
    {
        public int Parts => plan.Parts;

        public void Run(int part, object? target)
        {
            (int offset, int length) = plan.Part(part);
            if (!((LearningRule)target!).UpdatePiece(start + offset, length))
                Volatile.Write(ref *finite, 0);
        }
    }
}
