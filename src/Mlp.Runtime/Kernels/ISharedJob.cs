namespace Mlp.Kernels;

/// <summary>
/// Work that the calling thread can share with the kernel worker (<see cref="KernelWorker"/>): a fixed number of
/// independent parts, fixed by the job's shape alone, so the result is the same whichever thread runs which part.
/// Jobs are unmanaged structs (pointers into pinned memory and sizes), copied to the worker when posted; a managed
/// object the parts need (a learning rule, say) travels beside the job as its target.
/// </summary>
internal interface ISharedJob
{
    /// <summary>The number of parts, from 1 to <see cref="KernelWorker.MaxParts"/>.</summary>
    int Parts { get; }

    /// <summary>
    /// The parts the worker takes first (one bit per part); the calling thread takes the others first. Giving each
    /// thread the same region of a buffer in every job of a step keeps that region in one core's cache: on this kind of
    /// machine, writing a cache line that the other core has read costs far more than the write itself.
    /// </summary>
    uint WorkerParts { get; }

    /// <summary>Runs part <paramref name="part"/> (0 ≤ part &lt; <see cref="Parts"/>).</summary>
    /// <param name="part">Which part.</param>
    /// <param name="target">The object posted with the job, or null.</param>
    void Run(int part, object? target);
}
