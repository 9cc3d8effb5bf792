using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mlp.Kernels;

/// <summary>Which loop nest computes a product (see <see cref="GemmAvx2"/>).</summary>
internal enum GemmForm
{
    /// <summary><c>C = A·Bᵀ</c> by dot-product tiles: both operands contiguous along k.</summary>
    Dot,

    /// <summary><c>C = A·B</c> by broadcast tiles: B contiguous along n, A at any strides.</summary>
    Broadcast,

    /// <summary><c>C = A·Bᵀ</c> for short k: B is first transposed into scratch, then broadcast tiles run.</summary>
    TransposeThenBroadcast,

    /// <summary>
    /// <c>C = A·B</c> for long k, a ragged n (not a multiple of 8) and A contiguous along k: B is first
    /// transposed into scratch, then dot-product tiles run, which need no padding of n. (Not on the AVX-512 path,
    /// whose broadcast kernel computes the ragged columns as dot products itself.)
    /// </summary>
    TransposeThenDot,
}

/// <summary>
/// One matrix product over pinned memory, and its fixed partition into two parts, chosen from the shape alone: whole
/// rows or whole columns of C, or (<see cref="SplitK"/>) the two halves of the sum over k. Rows and columns: each
/// element is computed by one part with the same operations as by one thread. Halves of k: the product is always
/// computed as two partial sums added at the end, on one thread as on two. Either way the bits do not depend on the
/// thread count.
/// </summary>
/// <remarks>
/// On a machine whose cores sit far apart (the 2-core VM this was tuned on), a write to a cache line the other core has
/// read costs several times the write itself, and so does working either side of a boundary inside a row (the hardware
/// prefetchers pull in the other thread's lines). So the partition keeps each thread on one contiguous block of every
/// large buffer across a training step: see <see cref="PlanSplit"/> and <see cref="ParameterSplit"/>.
/// </remarks>
internal unsafe struct GemmJob : ISharedJob
{
    public GemmForm Form;
    public GemmPath Path;

    /// <summary>Element <c>(i, p)</c> of A is at <c>A[i·ARowStride + p·AColStride]</c> (AColStride = 1 except for Broadcast).</summary>
    public float* A;
    public int ARowStride;
    public int AColStride;

    /// <summary>Dot and TransposeThenBroadcast: element <c>(j, p)</c> at <c>B[j·Ldb + p]</c>; the others: <c>(p, j)</c> at <c>B[p·Ldb + j]</c>.</summary>
    public float* B;
    public int Ldb;

    public float* C;
    public int Ldc;

    /// <summary>Added to every row of C after the sums, or null.</summary>
    public float* Bias;

    /// <summary>The Transpose forms only: room for Bᵀ.</summary>
    public float* TransposedB;

    /// <summary>With <see cref="SplitK"/>: room for the second partial sum, m × n.</summary>
    public float* Partial;

    public int M;
    public int N;
    public int K;

    /// <summary>Where part 1 starts (0 when the job runs whole), along the columns, the rows or k.</summary>
    public int Split;
    public bool SplitColumns;

    /// <summary>The sum over k is cut at <see cref="Split"/> into two partial sums, added by <see cref="Combine"/>.</summary>
    public bool SplitK;

    public readonly long MultiplyAdds => (long)M * N * K;

    /// <summary>Two once a split is planned.</summary>
    public readonly int Parts => 2;

    /// <summary>The worker takes part 1 (the second block of rows, columns or k).</summary>
    public readonly uint WorkerParts => 0b10;

    /// <summary>The fewest rows of C split between threads by rows.</summary>
    public const int MinSplitRows = 10;

    /// <summary>
    /// Whether the product is computed as two partial sums over k: an input gradient <c>dY·W</c> that sums over a wide
    /// output dimension into a narrow, ragged input dimension (a decoder's, 784 → 50; see
    /// <see cref="Gemm.IsRaggedInputGradient"/>). Split by rows or columns, each thread would read all of W and of dY;
    /// split along k, each reads only the half of W whose rows its core updates and the half of dY it computed.
    /// Depends only on the shape (the same on every kernel path), never on the thread count.
    /// </summary>
    public readonly bool SumsInHalves =>
        Form is GemmForm.Broadcast or GemmForm.TransposeThenDot && Gemm.IsRaggedInputGradient(M, N, K, AColStride)
        && FeatureSplit.IsWide(K) && !FeatureSplit.IsWide(N);

    /// <inheritdoc cref="ISharedJob.Run"/>
    public readonly void Run(int part, object? target) => Run(part);

    /// <summary>
    /// Picks where the second part starts; false when the shape is too small to share (a product that sums in halves
    /// always has its split). Depends only on the form and the shape. Each thread keeps one contiguous block of the
    /// large buffers across a training step (see <see cref="ParameterSplit"/>): a weight gradient splits its rows (the
    /// weights' output units); a forward product splits its columns (the same output units) when they are wide or
    /// the batch is small, its rows (examples) otherwise.
    /// </summary>
    public bool PlanSplit()
    {
        if (SumsInHalves)
        {
            SplitK = true;
            Split = FeatureSplit.At(K);
            return true;
        }
        bool weightGradient = Form == GemmForm.Broadcast && AColStride != 1;
        if (weightGradient && M >= MinSplitRows)
            return SplitByRows(ParameterSplit.RowSplit(M));
        if (FeatureSplit.IsWide(N) && !weightGradient)
            return SplitByColumns(FeatureSplit.At(N), Form is GemmForm.Dot or GemmForm.TransposeThenDot ? 8 : 16);
        switch (Form)
        {
            case GemmForm.Dot when FeatureSplit.IsWide(K) && M < FeatureSplit.MinWide && N >= 16:
                // An encoder's forward product at a training batch: split its output units, as its weights are split.
                return SplitByColumns(HalfOf(N, 2), 2);
            case GemmForm.Dot when M >= MinSplitRows:
            case GemmForm.Broadcast when M >= MinSplitRows:
                return SplitByRows(HalfOf(M, 5));
            case GemmForm.Dot or GemmForm.TransposeThenDot when N >= 16:
                // The Transpose forms split columns only: each part transposes just the columns it computes.
                return SplitByColumns(HalfOf(N, 8), 8);
            case GemmForm.Broadcast or GemmForm.TransposeThenBroadcast when N >= 32:
                return SplitByColumns(HalfOf(N, 16), 16);
            default:
                return false;
        }
    }

    /// <summary>About half of <paramref name="length"/>, a multiple of <paramref name="align"/>, leaving both parts non-empty.</summary>
    public static int HalfOf(int length, int align) =>
        Math.Clamp((int)Math.Round(length / (2.0 * align)) * align, align, length - 1);

    private bool SplitByRows(int split)
    {
        SplitColumns = false;
        Split = split;
        return split > 0 && split < M;
    }

    // Columns at `split`, which must leave whole tiles of `align` columns on the left to be worth sharing.
    private bool SplitByColumns(int split, int align)
    {
        SplitColumns = true;
        Split = split;
        return split >= align && split < N;
    }

    /// <summary>Runs part 0 or 1 of the planned split, or the whole product when <paramref name="part"/> is −1 (never for <see cref="SplitK"/>).</summary>
    public readonly void Run(int part)
    {
        if (SplitK)
        {
            // Part 0 sums p < Split straight into C, part 1 the rest into Partial; neither adds the bias.
            if (part == 0)
                Compute(0, M, 0, N, 0, Split, C, Ldc, null);
            else
                Compute(0, M, 0, N, Split, K, Partial, N, null);
            return;
        }
        int r0 = 0, r1 = M, c0 = 0, c1 = N;
        if (part == 0)
        {
            if (SplitColumns) c1 = Split; else r1 = Split;
        }
        else if (part == 1)
        {
            if (SplitColumns) c0 = Split; else r0 = Split;
        }
        Compute(r0, r1, c0, c1, 0, K, C, Ldc, Bias);
    }

    /// <summary>After both parts of a <see cref="SplitK"/> product: <c>C = (C + Partial) + bias</c>, in that order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void Combine()
    {
        for (int i = 0; i < M; i++)
        {
            float* c = C + (nint)i * Ldc;
            float* partial = Partial + (nint)i * N;
            int j = 0;
            if (Path != GemmPath.Portable)
            {
                for (; j + 8 <= N; j += 8)
                {
                    Vector256<float> sum = Avx.Add(Avx.LoadVector256(c + j), Avx.LoadVector256(partial + j));
                    if (Bias != null)
                        sum = Avx.Add(sum, Avx.LoadVector256(Bias + j));
                    Avx.Store(c + j, sum);
                }
            }
            for (; j < N; j++)
            {
                float sum = c[j] + partial[j];
                c[j] = Bias != null ? sum + Bias[j] : sum;
            }
        }
    }

    // Rows r0..r1, columns c0..c1 of the sum over p0..p1, into `c` (C's element (i, j) at c[i·ldc + j]).
    private readonly void Compute(int r0, int r1, int c0, int c1, int p0, int p1, float* cOut, int ldc, float* biasIn)
    {
        int rows = r1 - r0, columns = c1 - c0, depth = p1 - p0;
        float* a = A + (nint)r0 * ARowStride + (nint)p0 * AColStride;
        float* c = cOut + (nint)r0 * ldc + c0;
        float* bias = biasIn == null ? null : biasIn + c0;
        switch (Form)
        {
            case GemmForm.Dot:
                Dot(a, ARowStride, B + (nint)c0 * Ldb + p0, Ldb, c, ldc, bias, rows, columns, depth);
                break;
            case GemmForm.Broadcast:
                Broadcast(a, ARowStride, AColStride, B + (nint)p0 * Ldb + c0, Ldb, c, ldc, bias, rows, columns, depth);
                break;
            case GemmForm.TransposeThenBroadcast:
                // B (n, k) → P (k, n), P's columns c0..c1 only (never split along k).
                float* transposed = TransposedB + c0;
                Transpose(B + (nint)c0 * Ldb, Ldb, transposed, N, columns, K);
                Broadcast(a, ARowStride, 1, transposed, N, c, ldc, bias, rows, columns, K);
                break;
            case GemmForm.TransposeThenDot:
                // B (k, n) → P (n, k), P's rows c0..c1 and columns p0..p1 only.
                transposed = TransposedB + (nint)c0 * K + p0;
                Transpose(B + (nint)p0 * Ldb + c0, Ldb, transposed, K, depth, columns);
                Dot(a, ARowStride, transposed, K, c, ldc, bias, rows, columns, depth);
                break;
        }
    }

    private readonly void Dot(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        switch (Path)
        {
            case GemmPath.Avx512: GemmAvx512.Dot(a, lda, b, ldb, c, ldc, bias, m, n, k); break;
            case GemmPath.Avx2: GemmAvx2.Dot(a, lda, b, ldb, c, ldc, bias, m, n, k); break;
            default: GemmPortable.Dot(a, lda, b, ldb, c, ldc, bias, m, n, k); break;
        }
    }

    private readonly void Broadcast(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        switch (Path)
        {
            case GemmPath.Avx512: GemmAvx512.Broadcast(a, ars, acs, b, ldb, c, ldc, bias, m, n, k); break;
            case GemmPath.Avx2: GemmAvx2.Broadcast(a, ars, acs, b, ldb, c, ldc, bias, m, n, k); break;
            default: GemmPortable.Broadcast(a, ars, acs, b, ldb, c, ldc, bias, m, n, k); break;
        }
    }

    // The AVX-512 path shares the AVX2 transpose (a copy: the same values either way).
    private readonly void Transpose(float* b, int ldb, float* p, int ldp, int n, int k)
    {
        if (Path == GemmPath.Portable)
            GemmPortable.Transpose(b, ldb, p, ldp, n, k);
        else
            GemmAvx2.Transpose(b, ldb, p, ldp, n, k);
    }
}
