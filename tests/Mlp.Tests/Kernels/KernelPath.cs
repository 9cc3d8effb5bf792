using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>Which implementation a test drives: the AVX2 micro-kernels (where the machine has them) or the portable one.</summary>
public enum KernelPath
{
    /// <summary>Vector256 + FMA tiles (falls back to portable on machines without AVX2).</summary>
    Avx2,

    /// <summary>The <c>Vector&lt;float&gt;</c> fallback.</summary>
    Portable,
}

/// <summary>Sets the path and thread count for products started on this thread, and restores the defaults on dispose.</summary>
internal sealed class KernelScope : IDisposable
{
    public KernelScope(KernelPath path, int threads, bool leavePartToWorker = true)
    {
        Gemm.ForcePortable = path == KernelPath.Portable;
        // A threshold of 1 shares even the tiny shapes, so their tails are split between threads too.
        KernelThreads.OverrideForCurrentThread(threads, minParallelWork: threads > 1 ? 1 : 0);
        // Otherwise a quick caller may claim both parts before the worker wakes, and nothing is shared.
        KernelWorker.LeavePartToWorker = threads > 1 && leavePartToWorker;
    }

    public void Dispose()
    {
        Gemm.ForcePortable = false;
        KernelThreads.OverrideForCurrentThread(0, 0);
        KernelWorker.LeavePartToWorker = false;
    }
}
