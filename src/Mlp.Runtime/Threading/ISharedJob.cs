namespace Mlp.Threading;

/// <summary>
/// Work that the calling thread can share with kernel workers (<see cref="KernelWorker"/>): a number of independent
/// parts fixed by the job's shape alone (never by the thread count), so the result is the same whichever thread runs
/// which part. Jobs are unmanaged structs (pointers into pinned memory and sizes), copied to a board the workers read;
/// a managed object the parts need (a learning rule's <see cref="ParameterSplit"/>, say) travels beside the job as its
/// target.
/// </summary>
/// <remarks>
/// Parts should be numbered so that neighbouring parts cover neighbouring memory: each thread first takes a contiguous
/// block of the part numbers (the caller the first), so consecutive kernels over a step's buffers keep each thread on
/// the same region in its own core's cache.
/// </remarks>
internal interface ISharedJob
{
    /// <summary>The number of parts, from 1 to <see cref="KernelWorker.MaxParts"/>.</summary>
    int Parts { get; }

    /// <summary>Runs part <paramref name="part"/> (0 ≤ part &lt; <see cref="Parts"/>).</summary>
    /// <param name="part">Which part.</param>
    /// <param name="target">The object posted with the job, or null.</param>
    void Run(int part, object? target);
}
