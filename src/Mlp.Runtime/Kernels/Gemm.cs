namespace Mlp.Kernels;

/// <summary>
/// Single-precision matrix products on row-major spans, the building blocks of the Affine layer.
/// On x64 with AVX2 and FMA they run register-tiled <c>Vector256</c> micro-kernels, elsewhere a portable
/// <c>Vector&lt;float&gt;</c> version; large products are shared with a second thread when
/// <see cref="KernelThreads.Count"/> is 2. Every sum runs in a fixed order, so results depend neither on
/// timing nor on the thread count (they may differ in the last bits between shapes that pick different
/// loop nests, e.g. batch 1 and batch 50).
/// </summary>
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
    private static bool t_portable;

    /// <summary>Whether this thread's products use the portable path even where AVX2 is available (tests).</summary>
    internal static bool ForcePortable
    {
        get => t_portable;
        set => t_portable = value;
    }

    /// <summary>Whether products started on this thread use the portable <c>Vector&lt;float&gt;</c> path.</summary>
    internal static bool UsesPortablePath => t_portable || !GemmAvx2.IsSupported;

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
        GemmForm form = FormOfMultiply(m, n, k, aColStride);
        Span<float> scratch = form == GemmForm.TransposeThenDot ? TransposeScratch(n * k) : Span<float>.Empty;
        fixed (float* pa = a, pb = b, pc = c, pscratch = scratch)
        {
            var job = new GemmJob
            {
                Form = form,
                Portable = UsesPortablePath,
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
                Portable = UsesPortablePath,
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

    /// <summary>The loop nest <see cref="Multiply"/> uses for a shape and left-operand column stride.</summary>
    internal static GemmForm FormOfMultiply(int m, int n, int k, int aColStride) =>
        aColStride == 1 && n % 8 != 0 && k >= DotMinK && m >= TransposeMinRows ? GemmForm.TransposeThenDot : GemmForm.Broadcast;

    // Shares the job with the worker when allowed and worthwhile; the partition depends on the shape only. A product
    // that sums in halves (GemmJob.SumsInHalves) always does, on one thread as on two.
    private static void Execute(ref GemmJob job)
    {
        if (GemmJob.SumsInHalves(job.Form, job.N, job.K))
        {
            fixed (float* partial = PartialScratch(job.M * job.N))
            {
                job.Partial = partial;
                job.PlanSplit();
                if (KernelWorker.ShouldShare(job.MultiplyAdds))
                    KernelWorker.RunShared(ref job);
                else
                    KernelWorker.RunHere(ref job);
                job.Combine();
            }
        }
        else if (KernelWorker.ShouldShare(job.MultiplyAdds) && job.PlanSplit())
            KernelWorker.RunShared(ref job);
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
