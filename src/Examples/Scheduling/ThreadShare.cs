using Mlp.Kernels;

namespace Mlp.Examples.Scheduling;

/// <summary>
/// A running part's share of the notebook's threads, which grows as other parts finish (the last part running gets
/// them all). The part's thread applies it to its own kernels (<see cref="KernelThreads.CountForCurrentThread"/>) when
/// it starts and after every epoch; results do not depend on it.
/// </summary>
/// <param name="current">Computes the share now, at least 1.</param>
public sealed class ThreadShare(Func<int> current)
{
    /// <summary>The threads the part may use now, at least 1.</summary>
    public int Current => Math.Max(1, current());

    /// <summary>Sets the calling thread's kernel thread count to the share (at most <see cref="KernelThreads.Max"/>).</summary>
    public void Apply() => KernelThreads.CountForCurrentThread = Math.Min(Current, KernelThreads.Max);
}
