using Mlp.Threading;

namespace Mlp.Kernels.Products;

/// <summary>
/// Single-precision matrix products on row-major spans, the building blocks of the Affine layer.
/// On x64 with AVX-512F they run register-tiled <c>Vector512</c> micro-kernels, with AVX2 and FMA <c>Vector256</c>
/// ones, elsewhere a portable <c>Vector&lt;float&gt;</c> version; large products are shared among up to
/// <see cref="KernelThreads.Count"/> threads. Every sum runs in a fixed order, so results depend neither on
/// timing nor on the thread count (they may differ in the last bits between shapes that pick different
/// loop nests, e.g. batch 1 and batch 50, and between the three kernel sets: see <see cref="GemmPath"/>).
/// </summary>
/// <remarks>
/// The AVX-512 kernels are used where <c>Vector512</c> is hardware-accelerated; setting the environment variable
/// <c>DOTNET_EnableAVX512=0</c> turns them off for a process, and the AVX2 kernels then run (.NET 10 ignores the older <c>DOTNET_EnableAVX512F</c>).
/// </remarks>
public static unsafe class Gemm
{
    // C = A·Bᵀ with k up to this (and at least TransposeMinRows rows) transposes B and runs broadcast tiles:
    // dot-product tiles spend too much of a short k on reducing their lanes.
    internal const int BroadcastMaxK = 128;

    // C = A·B with a ragged n (not a multiple of 8) and k at least this transposes B and runs dot-product
    // tiles: broadcast tiles would waste part of their last vector of columns on every row and every p.
    internal const int DotMinK = 256;

    // Fewer rows than this cannot pay for a transpose.
    internal const int TransposeMinRows = 8;

    [ThreadStatic]
    private static float[]? t_transposed;

    [ThreadStatic]
    private static float[]? t_partial;

    [ThreadStatic]
    private static GemmPath? t_pathLimit;

    /// <summary>The best kernels this machine runs.</summary>
    internal static GemmPath BestPath { get; } =
        GemmAvx512.IsSupported ? GemmPath.Avx512 : GemmAvx2.IsSupported ? GemmPath.Avx2 : GemmPath.Portable;

    /// <summary>
    /// For tests: the best kernels products started on this thread may use (e.g. <see cref="GemmPath.Avx2"/> turns
    /// the AVX-512 ones off); null, the default, allows <see cref="BestPath"/>.
    /// </summary>
    internal static GemmPath? PathLimit
    {
        get => t_pathLimit;
        set => t_pathLimit = value;
    }

    /// <summary>The kernels products started on this thread use.</summary>
    internal static GemmPath CurrentPath => t_pathLimit is { } limit && limit < BestPath ? limit : BestPath;

    /// <summary>
    /// <c>C(m, n) = A(m, k) · B(n, k)ᵀ</c>: both operands are read along k, as in an affine layer's
    /// forward pass with weights stored <c>(output, input)</c>.
    /// </summary>
    public static void MultiplyTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k) =>
        MultiplyTransposed(a, b, ReadOnlySpan<float>.Empty, c, m, n, k);

    /// <summary>
    /// <c>C(m, n) = A(m, k) · B(k, n)</c> where element <c>A[i, p]</c> is read at <c>i · aRowStride + p · aColStride</c>,
    /// so a transposed left operand needs no copy: the affine layer's input gradient is
    /// <c>dY · W</c> (strides <c>(k, 1)</c>) and its weight gradient <c>dYᵀ · X</c> (strides <c>(1, m)</c>).
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> a, int aRowStride, int aColStride, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k)
    {
        CheckSizes(m, n, k);
        ArgumentOutOfRangeException.ThrowIfNegative(aRowStride);
        ArgumentOutOfRangeException.ThrowIfNegative(aColStride);
        CheckLength(a.Length, (long)(m - 1) * aRowStride + (long)(k - 1) * aColStride + 1, nameof(a));
        CheckLength(b.Length, (long)k * n, nameof(b));
        CheckLength(c.Length, (long)m * n, nameof(c));
        GemmPath path = CurrentPath;
        GemmForm form = FormOfMultiply(m, n, k, aColStride, path);
        Span<float> scratch = form == GemmForm.TransposeThenDot ? TransposeScratch(n * k) : Span<float>.Empty;
        fixed (float* pa = a, pb = b, pc = c, pscratch = scratch)
        {
            var job = new GemmJob
            {
                Form = form,
                Path = path,
                A = pa, ARowStride = aRowStride, AColStride = aColStride,
                B = pb, Ldb = n,
                C = pc, Ldc = n,
                TransposedB = pscratch,
                M = m, N = n, K = k,
            };
            Execute(ref job);
        }
    }

    /// <summary><c>C = A · Bᵀ + bias</c> (bias added to every row when not empty): the affine forward pass in one sweep.</summary>
    internal static void MultiplyTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> bias, Span<float> c, int m, int n, int k)
    {
        CheckSizes(m, n, k);
        CheckLength(a.Length, (long)m * k, nameof(a));
        CheckLength(b.Length, (long)n * k, nameof(b));
        CheckLength(c.Length, (long)m * n, nameof(c));
        if (!bias.IsEmpty)
            CheckLength(bias.Length, n, nameof(bias));
        GemmForm form = FormOfMultiplyTransposed(m, k);
        Span<float> scratch = form == GemmForm.TransposeThenBroadcast ? TransposeScratch(n * k) : Span<float>.Empty;
        fixed (float* pa = a, pb = b, pc = c, pbias = bias, pscratch = scratch)
        {
            var job = new GemmJob
            {
                Form = form,
                Path = CurrentPath,
                A = pa, ARowStride = k, AColStride = 1,
                B = pb, Ldb = k,
                C = pc, Ldc = n,
                Bias = pbias,
                TransposedB = pscratch,
                M = m, N = n, K = k,
            };
            Execute(ref job);
        }
    }

    /// <summary>The loop nest <see cref="MultiplyTransposed(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int)"/> uses for a shape.</summary>
    internal static GemmForm FormOfMultiplyTransposed(int m, int k) =>
        k <= BroadcastMaxK && m >= TransposeMinRows ? GemmForm.TransposeThenBroadcast : GemmForm.Dot;

    /// <summary>
    /// The loop nest <see cref="Multiply"/> uses for a shape and left-operand column stride on <paramref name="path"/>:
    /// the AVX-512 broadcast kernel computes a ragged n's last columns as dot products itself, without transposing B.
    /// </summary>
    internal static GemmForm FormOfMultiply(int m, int n, int k, int aColStride, GemmPath path) =>
        path != GemmPath.Avx512 && IsRaggedInputGradient(m, n, k, aColStride) ? GemmForm.TransposeThenDot : GemmForm.Broadcast;

    /// <summary>
    /// Whether <c>A·B</c> has A contiguous along a long k and a ragged n (not a multiple of 8), as an affine layer's
    /// input gradient <c>dY·W</c> into a narrow layer (a decoder's, 784 → 50): the shapes whose last columns broadcast
    /// tiles would compute with partly empty vectors on every row and every p.
    /// </summary>
    internal static bool IsRaggedInputGradient(int m, int n, int k, int aColStride) =>
        aColStride == 1 && n % 8 != 0 && k >= DotMinK && m >= TransposeMinRows;

    // Shares the job with workers when allowed and worthwhile; the grid of parts depends on the shape only, and a
    // product that runs whole computes every element as its part would. A product that sums in halves
    // (GemmJob.SumsInHalves) always does, on one thread as on many.
    private static void Execute(ref GemmJob job)
    {
        int threads = KernelWorker.ThreadsFor(job.MultiplyAdds);
        if (job.SumsInHalves)
        {
            fixed (float* partial = PartialScratch(job.M * job.N))
            {
                job.Partial = partial;
                if (job.Plan() && threads > 1)
                    KernelWorker.RunShared(ref job, threads);
                else
                    job.Run(-1);
                job.Combine();
            }
        }
        else if (threads > 1 && job.Plan())
        {
            job.TransposeFirst();
            // With no worker free (other callers hold them all), the product runs whole here: fewer, larger blocks.
            if (!KernelWorker.TryRunShared(ref job, threads))
                job.Run(-1);
        }
        else
            job.Run(-1);
    }

    // Per calling thread, grown to the largest product seen and then reused: no allocation once warm.
    private static Span<float> PartialScratch(int length)
    {
        float[]? buffer = t_partial;
        if (buffer is null || buffer.Length < length)
            t_partial = buffer = new float[length];
        return buffer.AsSpan(0, length);
    }

    // Per calling thread, grown to the largest Bᵀ seen and then reused: no allocation once warm.
    private static Span<float> TransposeScratch(int length)
    {
        float[]? buffer = t_transposed;
        if (buffer is null || buffer.Length < length)
            t_transposed = buffer = new float[length];
        return buffer.AsSpan(0, length);
    }

    private static void CheckSizes(int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if ((long)m * n > Array.MaxLength || (long)m * k > Array.MaxLength || (long)n * k > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(m), $"A {m}×{n}×{k} product has operands larger than an array can hold.");
    }

    internal static void CheckLength(int actual, long needed, string name)
    {
        if (actual < needed)
            throw new ArgumentException($"Needs at least {needed} values but got {actual}.", name);
    }
}
