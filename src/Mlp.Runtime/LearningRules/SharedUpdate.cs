using Mlp.Kernels;
using Mlp.Threading;

namespace Mlp.LearningRules;

/// <summary>
/// Shares an elementwise learning rule's update with kernel workers. With nothing frozen, the parts are those of
/// <see cref="ParameterSplit"/> (each a block of rows of every parameter, where the weight-gradient products cut them,
/// so each thread first updates what its core has just written); otherwise each unfrozen run is cut as a flat run by
/// <see cref="ElementwisePartition"/>. Every cut falls at a multiple of 64 elements, where elementwise rules give each
/// element the same bits as one sweep.
/// </summary>
internal static class SharedUpdate
{
    // An update costs about 4 (gradient descent) to 16 (Adam) multiply-adds of a matrix product per parameter.
    private const int CostPerParameter = 8;

    /// <summary>
    /// Updates every parameter on several threads, part by part of <paramref name="split"/>; false when not worthwhile.
    /// <paramref name="finite"/> says whether every new value is finite.
    /// </summary>
    public static unsafe bool TryRun(LearningRule rule, ParameterSplit split, out bool finite)
    {
        finite = true;
        int threads = split.Parts > 1 ? KernelWorker.ThreadsFor((long)rule.Model!.AllValues.Length * CostPerParameter) : 1;
        if (threads < 2)
            return false;
        int flag = 1;
        var job = new SplitJob(split.Parts, &flag);
        KernelWorker.RunShared(ref job, threads, rule);
        finite = flag != 0;
        return true;
    }

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
    private readonly unsafe struct SplitJob(int parts, int* finite) : ISharedJob
    {
        public int Parts => parts;

        public void Run(int part, object? target)
        {
            if (!((LearningRule)target!).UpdateShare(part))
                Volatile.Write(ref *finite, 0);
        }
    }

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
