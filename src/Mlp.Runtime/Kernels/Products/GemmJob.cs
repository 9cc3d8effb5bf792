using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Mlp.Threading;

namespace Mlp.Kernels.Products;

/// <summary>
/// One matrix product over pinned memory, and its fixed partition into parts, chosen from the shape (and the kernel
/// path) alone, never from the thread count: a grid of blocks of rows and columns of C, and (<see cref="SplitK"/>) the
/// two halves of the sum over k. Rows and columns: each element is computed by one part with the same operations as
/// when the product runs whole. Halves of k: the product is always computed as two partial sums added at the end, on
/// one thread as on many. Either way the bits do not depend on the thread count.
/// </summary>
/// <remarks>
/// On a machine whose cores sit far apart, a write to a cache line another core has read costs several times the write
/// itself. Parts are numbered along the dimension a training step's other kernels cut alike (a forward product's
/// output units, a weight gradient's rows, the same units), so the contiguous block of parts each thread takes first
/// keeps it on one region of every large buffer across a step.
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

    /// <summary>With <see cref="SplitK"/>: where the second partial sum starts along k.</summary>
    public int KSplit;

    /// <summary>The sum over k is cut at <see cref="KSplit"/> into two partial sums, added by <see cref="Combine"/>.</summary>
    public bool SplitK;

    /// <summary>The grid: blocks of rows and of columns, each a multiple of its alignment (but the last).</summary>
    public int RowBlocks;
    public int ColumnBlocks;
    public int RowAlign;
    public int ColumnAlign;

    /// <summary>
    /// TransposeThenBroadcast over many rows (a large batch): Bᵀ is written whole by <see cref="TransposeFirst"/>
    /// before the parts run, so they can cut rows as well as columns (each part would otherwise transpose its columns).
    /// </summary>
    public bool PreTransposed;

    /// <summary>Parts run down the columns first (consecutive parts share columns) rather than along the rows.</summary>
    public bool ColumnsOuter;

    public readonly long MultiplyAdds => (long)M * N * K;

    /// <summary>The parts of the planned grid (times two halves of k for <see cref="SplitK"/>).</summary>
    public readonly int Parts => RowBlocks * ColumnBlocks * (SplitK ? 2 : 1);

    /// <summary>
    /// Whether the product is computed as two partial sums over k: an input gradient <c>dY·W</c> that sums over a wide
    /// output dimension into a narrow, ragged input dimension (a decoder's, 784 → 50; see
    /// <see cref="Gemm.IsRaggedInputGradient"/>). Split by rows or columns, each thread would read all of W and of dY;
    /// split along k, each half reads only the half of W and of dY that the step's other kernels give its threads.
    /// Depends only on the shape (the same on every kernel path), never on the thread count.
    /// </summary>
    public readonly bool SumsInHalves =>
        Form is GemmForm.Broadcast or GemmForm.TransposeThenDot && Gemm.IsRaggedInputGradient(M, N, K, AColStride)
        && K >= WideDimension && N < WideDimension;

    /// <summary>The narrowest dimension (features) that a forward product or a weight gradient cuts first.</summary>
    public const int WideDimension = 256;

    /// <inheritdoc cref="ISharedJob.Run"/>
    public readonly void Run(int part, object? target) => Run(part);

    /// <summary>
    /// Plans the grid of parts; false when the product is one part (too small to share; a product that sums in halves
    /// always has two). Depends only on the form, the path and the shape. A weight gradient cuts its rows (the
    /// weights' output units) first; a forward product its columns (the same output units) when they are wide or the
    /// batch is small, its rows (examples) otherwise; the other dimension is cut too when the product is large enough
    /// for more parts. The transposing forms cut only columns: each part transposes just the columns it computes.
    /// </summary>
    public bool Plan()
    {
        RowAlign = Path == GemmPath.Avx512 ? 8 : 5;
        ColumnAlign = Form is GemmForm.Dot or GemmForm.TransposeThenDot ? 8 : 16;
        // The smallest block of columns: broadcast tiles run several vectors of columns at a time.
        int minColumns = Form is GemmForm.Dot or GemmForm.TransposeThenDot ? 16 : 64;
        RowBlocks = ColumnBlocks = 1;
        int minRows = 2 * RowAlign;
        long work = MultiplyAdds;
        if (SumsInHalves)
        {
            SplitK = true;
            KSplit = Math.Clamp((K + 16) / 32 * 16, 16, K - 1);
            work /= 2;
        }
        int parts = FeatureSplit.EvenParts(Math.Min(work / KernelThreads.PartWork, KernelWorker.MaxParts / (SplitK ? 2 : 1)));
        bool weightGradient = Form == GemmForm.Broadcast && AColStride != 1;
        PreTransposed = Form == GemmForm.TransposeThenBroadcast && M >= WideDimension;
        bool transposing = Form == GemmForm.TransposeThenDot || (Form == GemmForm.TransposeThenBroadcast && !PreTransposed);
        ColumnsOuter = !weightGradient
            && (N >= WideDimension || transposing || (Form == GemmForm.Dot && K >= WideDimension && M < WideDimension) || M < minRows);
        int maxRows = transposing ? 1 : Math.Max(M / minRows, 1), maxColumns = Math.Max(N / minColumns, 1);
        // The most parts (an evenly shared count) whose grid fits the shape, and of their grids the one whose blocks
        // read least (rows + columns of a block); a weight gradient keeps to whole rows (the output units whose
        // weights one thread then updates) when they are enough; ties go to the outer dimension.
        for (; parts > 1; parts = FeatureSplit.FewerParts(parts))
        {
            if (ChooseGrid(parts, maxRows, maxColumns, weightGradient))
                return Parts > 1;
        }
        RowBlocks = ColumnBlocks = 1;
        PreTransposed = false;   // the product runs whole, transposing as it goes
        return Parts > 1;
    }

    /// <summary>With <see cref="PreTransposed"/>: writes Bᵀ whole on the calling thread, before the parts run.</summary>
    public readonly void TransposeFirst()
    {
        if (PreTransposed)
            Transpose(B, Ldb, TransposedB, N, N, K);
    }

    // Picks RowBlocks × ColumnBlocks = parts within the limits; false when no such grid fits.
    private bool ChooseGrid(int parts, int maxRows, int maxColumns, bool rowsFirst)
    {
        if (rowsFirst && parts <= maxRows)
        {
            RowBlocks = parts;
            ColumnBlocks = 1;
            return true;
        }
        double best = double.MaxValue;
        for (int rows = 1; rows <= parts; rows++)
        {
            int columns = parts / rows;
            if (rows * columns != parts || rows > maxRows || columns > maxColumns)
                continue;
            double read = (double)M / rows + (double)N / columns;
            bool better = read < best || (read == best && (ColumnsOuter ? columns > ColumnBlocks : rows > RowBlocks));
            if (better)
            {
                best = read;
                RowBlocks = rows;
                ColumnBlocks = columns;
            }
        }
        return best < double.MaxValue;
    }

    /// <summary>
    /// Runs part <paramref name="part"/> of the planned grid, or the whole product when <paramref name="part"/> is −1
    /// (for <see cref="SplitK"/>, both partial sums).
    /// </summary>
    public readonly void Run(int part)
    {
        if (part < 0)
        {
            if (SplitK)
            {
                Compute(0, M, 0, N, 0, KSplit, C, Ldc, null);
                Compute(0, M, 0, N, KSplit, K, Partial, N, null);
            }
            else
            {
                Compute(0, M, 0, N, 0, K, C, Ldc, Bias);
            }
            return;
        }
        int grid = RowBlocks * ColumnBlocks;
        int half = part / grid, cell = part % grid;
        int rowBlock = ColumnsOuter ? cell % RowBlocks : cell / ColumnBlocks;
        int columnBlock = ColumnsOuter ? cell / RowBlocks : cell % ColumnBlocks;
        int r0 = FeatureSplit.Start(M, RowBlocks, rowBlock, RowAlign), r1 = FeatureSplit.Start(M, RowBlocks, rowBlock + 1, RowAlign);
        int c0 = FeatureSplit.Start(N, ColumnBlocks, columnBlock, ColumnAlign), c1 = FeatureSplit.Start(N, ColumnBlocks, columnBlock + 1, ColumnAlign);
        if (!SplitK)
            Compute(r0, r1, c0, c1, 0, K, C, Ldc, Bias);
        else if (half == 0)
            Compute(r0, r1, c0, c1, 0, KSplit, C, Ldc, null);   // neither half adds the bias: Combine does
        else
            Compute(r0, r1, c0, c1, KSplit, K, Partial, N, null);
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
                // B (n, k) → P (k, n), P's columns c0..c1 only (never split along k), unless done before the parts.
                float* transposed = TransposedB + c0;
                if (!PreTransposed)
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
