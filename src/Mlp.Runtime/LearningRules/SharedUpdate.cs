using Mlp.Kernels;

namespace Mlp.LearningRules;

/// <summary>
/// Shares an elementwise learning rule's update with the kernel worker. With nothing frozen, each thread updates the
/// pieces of the parameter buffer that the training step's products gave it (<see cref="ParameterSplit"/>); otherwise
/// each unfrozen run is cut as a flat run by <see cref="ElementwisePartition"/>. Elementwise
/// rules give each element the same bits wherever a run is cut, so the result is that of one sweep.
/// </summary>
internal static class SharedUpdate
{
    // An update costs about 4 (gradient descent) to 16 (Adam) multiply-adds of a matrix product per parameter.
    private const int CostPerParameter = 8;

    /// <summary>
    /// Updates every parameter on two threads, each its share of <paramref name="split"/>; false when not worthwhile.
    /// <paramref name="finite"/> says whether every new value is finite.
    /// </summary>
    public static unsafe bool TryRun(LearningRule rule, ParameterSplit split, out bool finite)
    {
        finite = true;
        if (!split.IsDivided || !KernelWorker.ShouldShare((long)rule.Model!.AllValues.Length * CostPerParameter))
            return false;
        int flag = 1;
        var job = new SplitJob(&flag);
        KernelWorker.RunShared(ref job, rule);
        finite = flag != 0;
        return true;
    }

    /// <summary>
    /// Updates parameters <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1 on two
    /// threads; false when not worthwhile. <paramref name="finite"/> says whether every new value is finite.
    /// </summary>
    public static unsafe bool TryRun(LearningRule rule, int start, int length, out bool finite)
    {
        finite = true;
        if (!ElementwisePartition.TryPlan(length, CostPerParameter, out ElementwisePartition plan))
            return false;
        int flag = 1;
        var job = new RangeJob(start, plan, &flag);
        KernelWorker.RunShared(ref job, rule);
        finite = flag != 0;
        return true;
    }

    // A part that wrote a non-finite value clears the flag (both may: they only ever write 0).
    private readonly unsafe struct SplitJob(int* finite) : ISharedJob
    {
        public int Parts => 2;

        public uint WorkerParts => 0b10;

        public void Run(int part, object? target)
        {
            if (!((LearningRule)target!).UpdateShare(part))
                Volatile.Write(ref *finite, 0);
        }
    }

    private readonly unsafe struct RangeJob(int start, ElementwisePartition plan, int* finite) : ISharedJob
    {
        public int Parts => plan.Parts;

        public uint WorkerParts => plan.WorkerParts;

        public void Run(int part, object? target)
        {
            (int offset, int length) = plan.Part(part);
            if (!((LearningRule)target!).UpdatePiece(start + offset, length))
                Volatile.Write(ref *finite, 0);
        }
    }
}
