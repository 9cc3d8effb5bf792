using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mlp.Kernels.Products;

/// <summary>
/// <see cref="GemmAvx512.Dot"/> for large products (a wide layer's forward pass, <c>X·Wᵀ</c>): A is copied into strips
/// of <see cref="StripRows"/> rows and B into panels of 4 rows (C's columns), each interleaved 16 values of k at a
/// time in the order a tile reads them, so a tile streams one contiguous panel of B from L2 against one strip of A
/// held in L1. Read in place, the tile's 9 rows run 9 separate streams, and rows a multiple of 4 KB long fall into
/// one L1 set at every p. Each element still sums 16 lanes over p in order (zeros past k, as the masked loads give)
/// and is reduced by <see cref="GemmAvx512.StoreSums{TColumns}"/>: the bits of the unpacked kernel.
/// </summary>
internal static unsafe class GemmAvx512PackedDot
{
    private const int StripRows = 6;
    private const int PanelColumns = 4;

    // A block of B's rows (C's columns) of about this many floats (256 KB) stays in L2 while every strip of A passes it
    // (measured on Zen 5: 256 and 512 KB alike, 1 MB slower).
    private const int BlockFloats = 64 * 1024;

    // From this many multiply-adds on (and with a strip and a panel to fill) packing pays: the notebook's
    // batch-50 products (≤ 2M) keep the unpacked tiles.
    private const long MinMultiplyAdds = 1L << 23;

    // The most floats of A packed at once (4 MB).
    private const int MaxStripFloats = 1 << 20;

    [ThreadStatic]
    private static float[]? t_strips;

    [ThreadStatic]
    private static float[]? t_panels;

    /// <summary>Whether a product of this shape runs packed (<see cref="GemmAvx2.PackedOverride"/> forces it either way for tests).</summary>
    public static bool Worthwhile(int m, int n, int k)
    {
        if (GemmAvx2.PackedOverride != 0)
            return GemmAvx2.PackedOverride > 0 && n >= PanelColumns;
        return m >= StripRows && n >= 4 * PanelColumns && (long)m * n * k >= MinMultiplyAdds;
    }

    /// <summary>
    /// <c>C[i·ldc + j] = Σ_p A[i·lda + p] · B[j·ldb + p] (+ bias[j])</c>, the same bits as <see cref="GemmAvx512.Dot"/>.
    /// Packing buffers belong to the running thread and are kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        // A large batch (an evaluation pass over a whole set) in chunks of rows: the packed copy of A, kept by the
        // thread, stays bounded (4 MB), at the price of packing B once per chunk.
        int kp = (k + 15) & ~15;
        int chunkRows = Math.Max(StripRows, MaxStripFloats / kp / StripRows * StripRows);
        for (int i0 = 0; i0 < m; i0 += chunkRows)
            DotChunk(a + (nint)i0 * lda, lda, b, ldb, c + (nint)i0 * ldc, ldc, bias, Math.Min(chunkRows, m - i0), n, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotChunk(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        int steps = (k + 15) >> 4, kp = steps * 16;
        int strips = (m + StripRows - 1) / StripRows;
        int main = n & ~(PanelColumns - 1);
        int blockColumns = Math.Max(PanelColumns, BlockFloats / kp & ~(PanelColumns - 1));
        float[] stripBuffer = Scratch(ref t_strips, strips * StripRows * kp);
        float[] panelBuffer = Scratch(ref t_panels, Math.Min(blockColumns, main) * kp);
        Vector512<float> mask = TailMask(k & 15);
        fixed (float* pa = stripBuffer, pb = panelBuffer)
        {
            for (int s = 0; s < strips; s++)
            {
                int rows = Math.Min(StripRows, m - s * StripRows);
                PackA(a + (nint)s * StripRows * lda, lda, pa + (nint)s * StripRows * kp, rows, k, mask);
            }
            for (int j0 = 0; j0 < main; j0 += blockColumns)
            {
                int columns = Math.Min(blockColumns, main - j0);
                PackB(b + (nint)j0 * ldb, ldb, pb, columns, k, kp, mask);
                for (int s = 0; s < strips; s++)
                {
                    int i = s * StripRows, rows = Math.Min(StripRows, m - i);
                    float* strip = pa + (nint)i * kp, ci = c + (nint)i * ldc + j0;
                    float* biasJ = bias == null ? null : bias + j0;
                    switch (rows)
                    {
                        case 6: Strip<Rows6>(strip, pb, steps, kp, ci, ldc, biasJ, columns); break;
                        case 5: Strip<Rows5>(strip, pb, steps, kp, ci, ldc, biasJ, columns); break;
                        case 4: Strip<Rows4>(strip, pb, steps, kp, ci, ldc, biasJ, columns); break;
                        case 3: Strip<Rows3>(strip, pb, steps, kp, ci, ldc, biasJ, columns); break;
                        case 2: Strip<Rows2>(strip, pb, steps, kp, ci, ldc, biasJ, columns); break;
                        default: Strip<Rows1>(strip, pb, steps, kp, ci, ldc, biasJ, columns); break;
                    }
                }
            }
        }
        // The last n mod 4 columns: the unpacked tiles, which compute every element with the same operations.
        if (main < n)
            GemmAvx512.Dot(a, lda, b + (nint)main * ldb, ldb, c + main, ldc, bias == null ? null : bias + main, m, n - main, k);
    }

    // One strip of A against every panel of the block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Strip<TRows>(float* strip, float* panels, int steps, int kp, float* c, int ldc, float* bias, int columns)
        where TRows : struct, ITileRows
    {
        for (int j = 0; j < columns; j += PanelColumns)
            Tile<TRows>(strip, panels + (nint)j * kp, steps, c + j, ldc, bias == null ? null : bias + j);
    }

    // A's rows i < rows, p < k → the strip: row r's values p = 16t … 16t + 15 at 16·(rows·t + r), zeros past k.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(float* a, int lda, float* strip, int rows, int k, Vector512<float> mask)
    {
        int whole = k >> 4, stride = 16 * rows;
        for (int r = 0; r < rows; r++)
        {
            float* source = a + (nint)r * lda, destination = strip + 16 * r;
            int t = 0;
            for (; t < whole; t++)
                Vector512.Load(source + 16 * t).Store(destination + (nint)t * stride);
            if (whole * 16 < k)
                MaskLoad(source + 16 * t, mask).Store(destination + (nint)t * stride);
        }
    }

    // B's rows j < columns (a multiple of 4), p < k → panels of 4: panel q holds row 4q + c's values p = 16t … 16t + 15
    // at q·4·kp + 64t + 16c, zeros past k.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(float* b, int ldb, float* panels, int columns, int k, int kp, Vector512<float> mask)
    {
        int whole = k >> 4;
        for (int j = 0; j < columns; j++)
        {
            float* source = b + (nint)j * ldb;
            float* destination = panels + (nint)(j & ~3) * kp + 16 * (j & 3);
            int t = 0;
            for (; t < whole; t++)
                Vector512.Load(source + 16 * t).Store(destination + 64 * (nint)t);
            if (whole * 16 < k)
                MaskLoad(source + 16 * t, mask).Store(destination + 64 * (nint)t);
        }
    }

    // Up to 5 rows × 4 columns: 20 accumulators, 4 vectors of B and 1 of A, as GemmAvx512's dot tile, over packed operands.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TRows>(float* a, float* b, int steps, float* c, int ldc, float* bias)
        where TRows : struct, ITileRows
    {
        int rows = TRows.Count;
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
        Vector512<float> s40 = default, s41 = default, s42 = default, s43 = default;
        Vector512<float> s50 = default, s51 = default, s52 = default, s53 = default;
        nint stride = 16 * rows;
        for (; steps > 0; steps--)
        {
            Vector512<float> y0 = Vector512.Load(b);
            Vector512<float> y1 = Vector512.Load(b + 16);
            Vector512<float> y2 = Vector512.Load(b + 32);
            Vector512<float> y3 = Vector512.Load(b + 48);
            Vector512<float> x = Vector512.Load(a);
            s00 = Fma(x, y0, s00); s01 = Fma(x, y1, s01); s02 = Fma(x, y2, s02); s03 = Fma(x, y3, s03);
            if (rows > 1)
            {
                x = Vector512.Load(a + 16);
                s10 = Fma(x, y0, s10); s11 = Fma(x, y1, s11); s12 = Fma(x, y2, s12); s13 = Fma(x, y3, s13);
            }
            if (rows > 2)
            {
                x = Vector512.Load(a + 32);
                s20 = Fma(x, y0, s20); s21 = Fma(x, y1, s21); s22 = Fma(x, y2, s22); s23 = Fma(x, y3, s23);
            }
            if (rows > 3)
            {
                x = Vector512.Load(a + 48);
                s30 = Fma(x, y0, s30); s31 = Fma(x, y1, s31); s32 = Fma(x, y2, s32); s33 = Fma(x, y3, s33);
            }
            if (rows > 4)
            {
                x = Vector512.Load(a + 64);
                s40 = Fma(x, y0, s40); s41 = Fma(x, y1, s41); s42 = Fma(x, y2, s42); s43 = Fma(x, y3, s43);
            }
            if (rows > 5)
            {
                x = Vector512.Load(a + 80);
                s50 = Fma(x, y0, s50); s51 = Fma(x, y1, s51); s52 = Fma(x, y2, s52); s53 = Fma(x, y3, s53);
            }
            a += stride;
            b += 64;
        }
        GemmAvx512.StoreSums<Columns4>(c, bias, s00, s01, s02, s03);
        if (rows > 1) GemmAvx512.StoreSums<Columns4>(c + ldc, bias, s10, s11, s12, s13);
        if (rows > 2) GemmAvx512.StoreSums<Columns4>(c + 2 * ldc, bias, s20, s21, s22, s23);
        if (rows > 3) GemmAvx512.StoreSums<Columns4>(c + 3 * ldc, bias, s30, s31, s32, s33);
        if (rows > 4) GemmAvx512.StoreSums<Columns4>(c + 4 * ldc, bias, s40, s41, s42, s43);
        if (rows > 5) GemmAvx512.StoreSums<Columns4>(c + 5 * ldc, bias, s50, s51, s52, s53);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(Vector512<float> x, Vector512<float> y, Vector512<float> sum) => Avx512F.FusedMultiplyAdd(x, y, sum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> MaskLoad(float* address, Vector512<float> mask) => Avx512F.MaskLoad(address, mask, Vector512<float>.Zero);

    /// <summary>All bits set in lanes <c>0 … count−1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TailMask(int count) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle();

    private static float[] Scratch(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = new float[length];
        return buffer;
    }
}
