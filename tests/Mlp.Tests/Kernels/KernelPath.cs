using Mlp.Kernels;
using Mlp.Kernels.Products;
using Mlp.Threading;

namespace Mlp.Tests.Kernels;

/// <summary>
/// Which implementation a test drives: the AVX-512 or AVX2 micro-kernels (each where the machine has them, else the
/// next one down) or the portable one.
/// </summary>
public enum KernelPath
{
    /// <summary>Vector512 tiles (falls back to AVX2, then portable, on machines without AVX-512).</summary>
    Avx512,

    /// <summary>Vector256 + FMA tiles, with AVX-512 turned off (falls back to portable on machines without AVX2).</summary>
    Avx2,

    /// <summary>The <c>Vector&lt;float&gt;</c> fallback.</summary>
    Portable,
}

/// <summary>Sets the path and thread count for products started on this thread, and restores the defaults on dispose.</summary>
internal sealed class KernelScope : IDisposable
{
    public KernelScope(KernelPath path, int threads, bool leavePartToWorker = true)
    {
        Gemm.PathLimit = ToGemmPath(path);
        // A threshold of 1 shares even the tiny shapes, so their tails are split between threads too.
        KernelThreads.OverrideForCurrentThread(threads, minParallelWork: threads > 1 ? 1 : 0);
        // Otherwise a quick caller may claim both parts before the worker wakes, and nothing is shared.
        KernelWorker.LeavePartToWorker = threads > 1 && leavePartToWorker;
    }

    /// <summary>The kernels a product runs under <paramref name="path"/> on this machine.</summary>
    public static GemmPath Effective(KernelPath path)
    {
        GemmPath limit = ToGemmPath(path);
        return limit < Gemm.BestPath ? limit : Gemm.BestPath;
    }

    public void Dispose()
    {
        Gemm.PathLimit = null;
        KernelThreads.OverrideForCurrentThread(0, 0);
        KernelWorker.LeavePartToWorker = false;
    }

    private static GemmPath ToGemmPath(KernelPath path) => path switch
    {
        KernelPath.Avx512 => GemmPath.Avx512,
        KernelPath.Avx2 => GemmPath.Avx2,
        _ => GemmPath.Portable,
    };
}
