namespace Mlp.Threading;

/// <summary>
/// How an elementwise kernel's run of elements is cut into parts for the kernel threads: at multiples of 64 elements
/// (whole vectors of any width and whole 64-byte cache lines), into as many parts of at least
/// <see cref="MinPartLength"/> elements as the length allows, up to <see cref="KernelWorker.MaxParts"/>, rounded down
/// to a count the common thread counts share evenly (<see cref="FeatureSplit.EvenParts"/>). The cut depends
/// on the length alone. Every part is whole vectors except the run's own tail, which stays last, so each element is
/// computed by the same code as in one sweep. Consecutive kernels over a batch's buffers cut them alike, so each
/// thread keeps working on the same contiguous block (the same examples) in its own core's cache.
/// </summary>
internal readonly struct ElementwisePartition
{
    /// <summary>The shortest part: 16 KB of floats, a few microseconds of the cheapest kernel, worth a hand-off.</summary>
    public const int MinPartLength = 4096;

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

    /// <summary>How many threads to use; 0 when the kernel should run alone on the calling thread.</summary>
    public int Threads { get; private init; }

    /// <summary>The parts <paramref name="length"/> elements are cut into, whatever the thread count.</summary>
    public static int PartsOf(int length) => FeatureSplit.EvenParts(length / MinPartLength);

    /// <summary>
    /// Plans the cut of <paramref name="length"/> elements costing about <paramref name="costPerElement"/> multiply-adds
    /// of a matrix product each; false when the kernel should run alone (one thread, too little work, or sharing paused).
    /// </summary>
    public static bool TryPlan(int length, int costPerElement, out ElementwisePartition plan)
    {
        plan = default;
        int parts = PartsOf(length);
        if (parts < 2)
            return false;
        int threads = KernelWorker.ThreadsFor((long)length * costPerElement);
        if (threads < 2)
            return false;
        plan = new ElementwisePartition(length, ((length + parts - 1) / parts + Alignment - 1) & ~(Alignment - 1)) { Threads = threads };
        return true;
    }

    /// <summary>Where part <paramref name="part"/> starts, and its length.</summary>
    public (int Offset, int Length) Part(int part)
    {
        int start = part * _partLength;
        return (start, Math.Min(_partLength, _length - start));
    }
}
