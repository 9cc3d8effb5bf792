using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mlp.Threading;

/// <summary>
/// Where one calling thread posts its shared jobs (one board per thread, reused for every job): a copy of the job, the
/// parts claimed so far (a bit each) and how many are done. Workers recruited for a job read it here.
/// </summary>
/// <remarks>
/// A worker recruited for job <c>g</c> may wake only after the job is finished and the next one posted. So it first
/// counts itself in <see cref="Active"/> and then checks <see cref="Generation"/>; the caller, before writing a new
/// job, first bumps the generation and then waits for <see cref="Active"/> to drain (both interlocked, so fenced): a
/// late worker either sees the new generation and leaves, or is waited for, and never claims a part of the wrong job.
/// </remarks>
internal sealed unsafe class JobBoard
{
    /// <summary>The largest job struct a board holds.</summary>
    public const int JobBytes = 256;

    // Pinned, so the job's copy stays put while workers read it; 64 bytes spare to align it to a cache line.
    private readonly byte[] _storage = GC.AllocateArray<byte>(JobBytes + 64, pinned: true);

    public JobBoard()
    {
        byte* start = (byte*)Unsafe.AsPointer(ref _storage[0]);
        Job = (void*)(((nint)start + 63) & ~(nint)63);
    }

    /// <summary>The posted job's bytes.</summary>
    public void* Job { get; }

    /// <summary>Runs one part of the job at <see cref="Job"/>.</summary>
    public delegate*<void*, object?, int, void> Invoke;

    public object? Target;
    public int Parts;

    /// <summary>The threads working on the job (the caller is participant 0): each first takes its block of parts.</summary>
    public int Participants;

    public int Generation;
    public int Active;
    public int Completed;
    public long Claims;

    /// <summary>Parts of this caller's jobs that workers ran (for tests: work really was shared).</summary>
    public long HelperPartsRun;
    public Exception? Failure;

    /// <summary>The workers recruited for the current job (room for the most a caller can have).</summary>
    public readonly KernelWorker?[] Helpers = new KernelWorker?[KernelWorker.MaxParts - 1];

    /// <summary>
    /// The next part for <paramref name="participant"/>: the lowest unclaimed one of its own block, else (when
    /// stealing) the highest unclaimed one of the rest; −1 when none is left to it.
    /// </summary>
    public int Claim(int participant, bool steal)
    {
        int parts = Parts, participants = Participants;
        ulong all = Mask(parts);
        ulong mine = Mask((participant + 1) * parts / participants) & ~Mask(participant * parts / participants);
        while (true)
        {
            long claims = Volatile.Read(ref Claims);
            ulong free = all & ~(ulong)claims;
            int part;
            if ((free & mine) != 0)
                part = BitOperations.TrailingZeroCount(free & mine);
            else if (steal && free != 0)
                part = 63 - BitOperations.LeadingZeroCount(free);
            else
                return -1;
            if (Interlocked.CompareExchange(ref Claims, claims | (1L << part), claims) == claims)
                return part;
        }
    }

    /// <summary>Claims every part still unclaimed, counting each as completed without running it (after a failure).</summary>
    public void CancelUnclaimed()
    {
        ulong all = Mask(Parts);
        while (true)
        {
            long claims = Volatile.Read(ref Claims);
            ulong free = all & ~(ulong)claims;
            if (free == 0)
                return;
            if (Interlocked.CompareExchange(ref Claims, claims | (long)free, claims) == claims)
            {
                Interlocked.Add(ref Completed, BitOperations.PopCount(free));
                return;
            }
        }
    }

    // The lowest `count` bits set (0 ≤ count ≤ 64).
    private static ulong Mask(int count) => count >= 64 ? ulong.MaxValue : (1UL << count) - 1;
}
