namespace Mlp.Kernels;

/// <summary>
/// How an elementwise kernel's run of elements is cut between the two kernel threads: into two to four parts at
/// multiples of 64 elements (whole vectors of any width and whole 64-byte cache lines), the calling thread taking the
/// first half of them and the worker the second. Every part is whole vectors except the run's own tail, which stays
/// last, so each element is computed by the same code as in one sweep. Consecutive kernels over a batch's buffers cut
/// them alike, so each thread keeps working on the same contiguous half (the same examples) in its own core's cache.
/// </summary>
internal readonly struct ElementwisePartition
{
    // A part shorter than this costs more to hand over than it saves.
    private const int MinPartLength = 1024;
    private const int MaxParts = 4;
    private const int Alignment = 64;

    private readonly int _length;
    private readonly int _partLength;

    private ElementwisePartition(int length, int partLength)
    {
        _length = length;
        _partLength = partLength;
    }

    /// <summary>The number of parts.</summary>
    public int Parts => (_length + _partLength - 1) / _partLength;

    /// <summary>The parts the worker takes first: the second half (the middle one, if odd, stays with the caller).</summary>
    public uint WorkerParts
    {
        get
        {
            int parts = Parts;
            return ((1u << parts) - 1) & ~((1u << (parts + 1) / 2) - 1);
        }
    }

    /// <summary>
    /// Plans the cut of <paramref name="length"/> elements costing about <paramref name="costPerElement"/> multiply-adds
    /// of a matrix product each; false when the kernel should run alone (one thread, too little work, or sharing paused).
    /// </summary>
    public static bool TryPlan(int length, int costPerElement, out ElementwisePartition plan)
    {
        plan = default;
        if (length < 2 * MinPartLength || !KernelWorker.ShouldShare((long)length * costPerElement))
            return false;
        int parts = Math.Clamp(length / MinPartLength, 2, MaxParts);
        plan = new ElementwisePartition(length, ((length + parts - 1) / parts + Alignment - 1) & ~(Alignment - 1));
        return true;
    }

    /// <summary>Where part <paramref name="part"/> starts, and its length.</summary>
    public (int Offset, int Length) Part(int part)
    {
        int start = part * _partLength;
        return (start, Math.Min(_partLength, _length - start));
    }
}
