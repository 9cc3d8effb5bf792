using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mlp.Kernels.Products;

/// <summary>
/// <see cref="GemmAvx512.Broadcast"/> for large products, as <see cref="GemmAvx2Packed"/> is for the AVX2 path: A is
/// copied into panels of 8 rows and B into panels of 48 columns (then one narrower panel for the rest), each in the
/// order an 8×48 tile reads them, a block of k at a time. An 8×48 tile keeps 24 accumulators and loads 3 vectors and
/// 8 broadcasts per 24 FMAs, where the AVX2 5×16 tile loads 7 per 10. Each element still sums one FMA chain over p in
/// order, carried through C between blocks of k, the bias added after the last: the bits of the unpacked kernels.
/// </summary>
internal static unsafe class GemmAvx512Packed
{
    private const int TileRows = 8;
    private const int PanelColumns = 48;

    // A block of k: one B panel (BlockK × 48 floats, 48 KB) streams from L2 with the A panels (L2 keeps up with
    // 3 vectors per 24 FMAs); fewer blocks of k mean fewer passes over C (measured: 128 slower, 512 no faster).
    private const int BlockK = 256;

    // A block of rows: its A panels (BlockRows × BlockK floats, 256 KB) and the B block (BlockK × n) stay in L2.
    private const int BlockRows = 256;

    [ThreadStatic]
    private static float[]? t_panelsA;

    [ThreadStatic]
    private static float[]? t_panelsB;

    /// <summary>
    /// <c>C[i·ldc + j] = Σ_p A[i·ars + p·acs] · B[p·ldb + j] (+ bias[j])</c> for <c>i &lt; m</c>, <c>j &lt; n</c>,
    /// as <see cref="GemmAvx512.Broadcast"/>. Packing buffers belong to the running thread and are kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Broadcast(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        int blockK = Math.Min(k, BlockK);
        int paddedN = (n + 15) & ~15;
        int blockRows = Math.Min(m, BlockRows);
        int paddedRows = (blockRows + TileRows - 1) / TileRows * TileRows;
        float[] panelsB = Scratch(ref t_panelsB, blockK * paddedN);
        float[] panelsA = Scratch(ref t_panelsA, blockK * paddedRows);
        fixed (float* pb = panelsB, pa = panelsA)
        {
            for (int p0 = 0; p0 < k; p0 += blockK)
            {
                int kc = Math.Min(blockK, k - p0);
                bool first = p0 == 0, last = p0 + kc == k;
                PackB(b + (nint)p0 * ldb, ldb, pb, kc, n);
                for (int i0 = 0; i0 < m; i0 += blockRows)
                {
                    int mc = Math.Min(blockRows, m - i0);
                    PackA(a + (nint)i0 * ars + (nint)p0 * acs, ars, acs, pa, mc, kc);
                    float* c0 = c + (nint)i0 * ldc;
                    int j = 0;
                    for (; j + PanelColumns <= n; j += PanelColumns)
                        Panel<ThreeVectors>(pa, pb + (nint)j * kc, kc, c0 + j, ldc, first, last ? Offset(bias, j) : null, mc, PanelColumns);
                    int rest = n - j;
                    if (rest > 32)
                        Panel<ThreeVectors>(pa, pb + (nint)j * kc, kc, c0 + j, ldc, first, last ? Offset(bias, j) : null, mc, rest);
                    else if (rest > 16)
                        Panel<TwoVectors>(pa, pb + (nint)j * kc, kc, c0 + j, ldc, first, last ? Offset(bias, j) : null, mc, rest);
                    else if (rest > 0)
                        Panel<OneVector>(pa, pb + (nint)j * kc, kc, c0 + j, ldc, first, last ? Offset(bias, j) : null, mc, rest);
                }
            }
        }
    }

    // One packed B panel (TColumns vectors wide, `columns` of them real) against every 8-row A panel of the block.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Panel<TColumns>(float* pa, float* panelB, int kc, float* c, int ldc, bool first, float* bias, int mc, int columns)
        where TColumns : struct, ITileColumns
    {
        // The last vector's real columns: all 16 except in a ragged last panel.
        Vector512<float> mask = TailMask(columns - 16 * (TColumns.Vectors - 1));
        for (int i = 0; i < mc; i += TileRows)
            Tile<TColumns>(pa + (nint)i * kc, panelB, kc, c + (nint)i * ldc, ldc, first, bias, Math.Min(TileRows, mc - i), mask);
    }

    // B rows p < kc, columns j < n → panels: the panel at column j (48 wide, or the rest rounded up to whole vectors)
    // holds B[p, j + t] at j·kc + width·p + t, zero past n. B is read row by row, in memory order: panel by panel,
    // a large B's rows lie a multiple of 4 KB apart and would all fall in the same few cache sets.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(float* b, int ldb, float* panels, int kc, int n)
    {
        int whole = n / PanelColumns * PanelColumns, rest = n - whole, restWidth = (rest + 15) & ~15;
        for (int p = 0; p < kc; p++)
        {
            float* source = b + (nint)p * ldb;
            float* destination = panels + p * PanelColumns;
            for (int j = 0; j < whole; j += PanelColumns)
            {
                float* panel = destination + (nint)j * kc;
                Vector512.Load(source + j).Store(panel);
                Vector512.Load(source + j + 16).Store(panel + 16);
                Vector512.Load(source + j + 32).Store(panel + 32);
            }
            if (rest > 0)
            {
                float* tail = panels + (nint)whole * kc + p * restWidth;
                for (int t = 0; t < restWidth; t += 16)
                {
                    Vector512<float> v = t + 16 <= rest ? Vector512.Load(source + whole + t) : MaskLoad(source + whole + t, TailMask(rest - t));
                    v.Store(tail + t);
                }
            }
        }
    }

    // A rows i < mc, p < kc → panels of 8 rows: panel q holds A[8q + r, p] at q·8·kc + 8p + r, zero past mc.
    // Reads follow A's memory order: along i when A is stored transposed, along p otherwise.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(float* a, int ars, int acs, float* panels, int mc, int kc)
    {
        int whole = mc / TileRows * TileRows;
        if (ars == 1)
        {
            for (int p = 0; p < kc; p++)
            {
                float* source = a + (nint)p * acs, destination = panels + p * TileRows;
                for (int i = 0; i < whole; i += TileRows)
                    Avx.Store(destination + (nint)i * kc, Avx.LoadVector256(source + i));
            }
        }
        else if (acs == 1)
        {
            // Rows contiguous along k (dY·W): 8×8 blocks transposed in registers.
            for (int i = 0; i < whole; i += TileRows)
                GemmAvx2.Transpose(a + (nint)i * ars, ars, panels + (nint)i * kc, TileRows, TileRows, kc);
        }
        else
        {
            for (int i = 0; i < whole; i += TileRows)
            {
                float* panel = panels + (nint)i * kc;
                float* r0 = a + (nint)i * ars, r1 = r0 + ars, r2 = r1 + ars, r3 = r2 + ars;
                float* r4 = r3 + ars, r5 = r4 + ars, r6 = r5 + ars, r7 = r6 + ars;
                for (int p = 0; p < kc; p++)
                {
                    nint q = (nint)p * acs;
                    float* destination = panel + p * TileRows;
                    destination[0] = r0[q]; destination[1] = r1[q]; destination[2] = r2[q]; destination[3] = r3[q];
                    destination[4] = r4[q]; destination[5] = r5[q]; destination[6] = r6[q]; destination[7] = r7[q];
                }
            }
        }
        if (whole < mc)
        {
            float* panel = panels + (nint)whole * kc;
            for (int r = 0; r < TileRows; r++)
            {
                float* source = a + (nint)(whole + r) * ars;
                for (int p = 0; p < kc; p++)
                    panel[p * TileRows + r] = whole + r < mc ? source[(nint)p * acs] : 0f;
            }
        }
    }

    // One 8-row tile over a block of k: starts from C unless this is the first block; adds the bias after the last.
    // Only the first `rows` rows and the mask's columns of the last vector are read and written back.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TColumns>(float* a, float* b, int kc, float* c, int ldc, bool first, float* bias, int rows, Vector512<float> mask)
        where TColumns : struct, ITileColumns
    {
        bool two = TColumns.Vectors >= 2, three = TColumns.Vectors == 3;
        Vector512<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        Vector512<float> c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        if (!first)
        {
            LoadRow<TColumns>(c, mask, out c00, out c01, out c02);
            if (rows > 1) LoadRow<TColumns>(c + ldc, mask, out c10, out c11, out c12);
            if (rows > 2) LoadRow<TColumns>(c + 2 * ldc, mask, out c20, out c21, out c22);
            if (rows > 3) LoadRow<TColumns>(c + 3 * ldc, mask, out c30, out c31, out c32);
            if (rows > 4) LoadRow<TColumns>(c + 4 * ldc, mask, out c40, out c41, out c42);
            if (rows > 5) LoadRow<TColumns>(c + 5 * ldc, mask, out c50, out c51, out c52);
            if (rows > 6) LoadRow<TColumns>(c + 6 * ldc, mask, out c60, out c61, out c62);
            if (rows > 7) LoadRow<TColumns>(c + 7 * ldc, mask, out c70, out c71, out c72);
        }
        int width = 16 * TColumns.Vectors;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> y0 = Vector512.Load(b);
            Vector512<float> y1 = two ? Vector512.Load(b + 16) : default;
            Vector512<float> y2 = three ? Vector512.Load(b + 32) : default;
            Vector512<float> x = Vector512.Create(a[0]);
            c00 = Fma(x, y0, c00); if (two) c01 = Fma(x, y1, c01); if (three) c02 = Fma(x, y2, c02);
            x = Vector512.Create(a[1]);
            c10 = Fma(x, y0, c10); if (two) c11 = Fma(x, y1, c11); if (three) c12 = Fma(x, y2, c12);
            x = Vector512.Create(a[2]);
            c20 = Fma(x, y0, c20); if (two) c21 = Fma(x, y1, c21); if (three) c22 = Fma(x, y2, c22);
            x = Vector512.Create(a[3]);
            c30 = Fma(x, y0, c30); if (two) c31 = Fma(x, y1, c31); if (three) c32 = Fma(x, y2, c32);
            x = Vector512.Create(a[4]);
            c40 = Fma(x, y0, c40); if (two) c41 = Fma(x, y1, c41); if (three) c42 = Fma(x, y2, c42);
            x = Vector512.Create(a[5]);
            c50 = Fma(x, y0, c50); if (two) c51 = Fma(x, y1, c51); if (three) c52 = Fma(x, y2, c52);
            x = Vector512.Create(a[6]);
            c60 = Fma(x, y0, c60); if (two) c61 = Fma(x, y1, c61); if (three) c62 = Fma(x, y2, c62);
            x = Vector512.Create(a[7]);
            c70 = Fma(x, y0, c70); if (two) c71 = Fma(x, y1, c71); if (three) c72 = Fma(x, y2, c72);
            a += TileRows;
            b += width;
        }
        if (bias != null)
        {
            // The bias's last vector masked like C's: a full load could read past the end of the biases.
            Vector512<float> z0 = TColumns.Vectors == 1 ? MaskLoad(bias, mask) : Vector512.Load(bias);
            Vector512<float> z1 = TColumns.Vectors == 2 ? MaskLoad(bias + 16, mask) : three ? Vector512.Load(bias + 16) : default;
            Vector512<float> z2 = three ? MaskLoad(bias + 32, mask) : default;
            c00 += z0; c10 += z0; c20 += z0; c30 += z0; c40 += z0; c50 += z0; c60 += z0; c70 += z0;
            c01 += z1; c11 += z1; c21 += z1; c31 += z1; c41 += z1; c51 += z1; c61 += z1; c71 += z1;
            c02 += z2; c12 += z2; c22 += z2; c32 += z2; c42 += z2; c52 += z2; c62 += z2; c72 += z2;
        }
        StoreRow<TColumns>(c, mask, c00, c01, c02);
        if (rows > 1) StoreRow<TColumns>(c + ldc, mask, c10, c11, c12);
        if (rows > 2) StoreRow<TColumns>(c + 2 * ldc, mask, c20, c21, c22);
        if (rows > 3) StoreRow<TColumns>(c + 3 * ldc, mask, c30, c31, c32);
        if (rows > 4) StoreRow<TColumns>(c + 4 * ldc, mask, c40, c41, c42);
        if (rows > 5) StoreRow<TColumns>(c + 5 * ldc, mask, c50, c51, c52);
        if (rows > 6) StoreRow<TColumns>(c + 6 * ldc, mask, c60, c61, c62);
        if (rows > 7) StoreRow<TColumns>(c + 7 * ldc, mask, c70, c71, c72);
    }

    // A row of C's tile: whole vectors, the last one masked.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadRow<TColumns>(float* c, Vector512<float> mask, out Vector512<float> v0, out Vector512<float> v1, out Vector512<float> v2)
        where TColumns : struct, ITileColumns
    {
        int vectors = TColumns.Vectors;
        v0 = vectors == 1 ? MaskLoad(c, mask) : Vector512.Load(c);
        v1 = vectors == 2 ? MaskLoad(c + 16, mask) : vectors == 3 ? Vector512.Load(c + 16) : default;
        v2 = vectors == 3 ? MaskLoad(c + 32, mask) : default;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TColumns>(float* c, Vector512<float> mask, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2)
        where TColumns : struct, ITileColumns
    {
        int vectors = TColumns.Vectors;
        if (vectors == 1)
        {
            Avx512F.MaskStore(c, mask, v0);
            return;
        }
        v0.Store(c);
        if (vectors == 2)
        {
            Avx512F.MaskStore(c + 16, mask, v1);
            return;
        }
        v1.Store(c + 16);
        Avx512F.MaskStore(c + 32, mask, v2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(Vector512<float> x, Vector512<float> y, Vector512<float> sum) => Avx512F.FusedMultiplyAdd(x, y, sum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> MaskLoad(float* address, Vector512<float> mask) => Avx512F.MaskLoad(address, mask, Vector512<float>.Zero);

    /// <summary>All bits set in lanes <c>0 … count−1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TailMask(int count) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Offset(float* bias, int j) => bias == null ? null : bias + j;

    private static float[] Scratch(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = new float[length];
        return buffer;
    }
}
