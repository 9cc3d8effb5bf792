using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mlp.Kernels.Products;

/// <summary>
/// <see cref="GemmAvx2.Broadcast"/> for large products: A is copied into panels of 5 rows and B into panels of
/// 16 columns, each laid out in the order the 5×16 tile reads them, a block of k at a time. Unpacked, a tile
/// reads one cache line per p from each operand at the matrices' row strides (4 KB for 1024 columns, which
/// maps every line to the same few cache sets); packed, it streams two short contiguous panels that stay in
/// L1 and L2. Each element still sums one FMA chain over p in order, carried through C between blocks of k,
/// so the bits are those of the unpacked kernel.
/// </summary>
internal static unsafe class GemmAvx2Packed
{
    public const int TileRows = 5;
    public const int TileColumns = 16;

    // A block of k: one B panel (BlockK × 16 floats, 16 KB) stays in L1 while the A panels stream past it.
    private const int BlockK = 256;

    // A block of rows: its A panels (BlockRows × BlockK floats, 240 KB) stay in L2 across every B panel.
    private const int BlockRows = 240;

    [ThreadStatic]
    private static float[]? t_panelsA;

    [ThreadStatic]
    private static float[]? t_panelsB;

    /// <summary>
    /// <c>C[i·ldc + j] = Σ_p A[i·ars + p·acs] · B[p·ldb + j] (+ bias[j])</c> for <c>i &lt; m</c>, <c>j &lt; n</c>,
    /// as <see cref="GemmAvx2.Broadcast"/>. Packing buffers belong to the running thread and are kept.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Broadcast(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        int blockK = Math.Min(k, BlockK);
        int paddedN = (n + TileColumns - 1) / TileColumns * TileColumns;
        int blockRows = Math.Min(m, BlockRows);
        int paddedRows = (blockRows + TileRows - 1) / TileRows * TileRows;
        float[] panelsB = Scratch(ref t_panelsB, blockK * paddedN);
        float[] panelsA = Scratch(ref t_panelsA, blockK * paddedRows);
        float* edge = stackalloc float[TileRows * TileColumns + TileColumns];
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
                    for (int j = 0; j < n; j += TileColumns)
                    {
                        float* panelB = pb + (nint)j * kc;
                        int columns = Math.Min(TileColumns, n - j);
                        float* tileBias = last && bias != null ? bias + j : null;
                        for (int i = 0; i < mc; i += TileRows)
                        {
                            int rows = Math.Min(TileRows, mc - i);
                            Tile(pa + (nint)i * kc, panelB, kc, c + (nint)(i0 + i) * ldc + j, ldc, first, tileBias, rows, columns, edge);
                        }
                    }
                }
            }
        }
    }

    // B rows p < kc, columns j < n → panels of 16 columns: panel q holds B[p, 16q + t] at q·16·kc + 16p + t, zero past n.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB(float* b, int ldb, float* panels, int kc, int n)
    {
        for (int j = 0; j < n; j += TileColumns)
        {
            float* panel = panels + (nint)j * kc;
            int columns = Math.Min(TileColumns, n - j);
            for (int p = 0; p < kc; p++)
            {
                float* source = b + (nint)p * ldb + j;
                float* destination = panel + p * TileColumns;
                if (columns == TileColumns)
                {
                    Avx.Store(destination, Avx.LoadVector256(source));
                    Avx.Store(destination + 8, Avx.LoadVector256(source + 8));
                }
                else
                {
                    for (int t = 0; t < TileColumns; t++)
                        destination[t] = t < columns ? source[t] : 0f;
                }
            }
        }
    }

    // A rows i < mc, p < kc → panels of 5 rows: panel q holds A[5q + r, p] at q·5·kc + 5p + r, zero past mc.
    // Reads follow A's memory order: along p when A's rows are contiguous, along i when A is transposed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA(float* a, int ars, int acs, float* panels, int mc, int kc)
    {
        int whole = mc / TileRows * TileRows;
        if (ars == 1)
        {
            for (int p = 0; p < kc; p++)
            {
                float* source = a + (nint)p * acs;
                float* destination = panels + p * TileRows;
                for (int i = 0; i < whole; i += TileRows)
                {
                    float* panel = destination + (nint)i * kc;
                    panel[0] = source[i];
                    panel[1] = source[i + 1];
                    panel[2] = source[i + 2];
                    panel[3] = source[i + 3];
                    panel[4] = source[i + 4];
                }
            }
        }
        else
        {
            for (int i = 0; i < whole; i += TileRows)
            {
                float* panel = panels + (nint)i * kc;
                for (int r = 0; r < TileRows; r++)
                {
                    float* source = a + (nint)(i + r) * ars;
                    for (int p = 0; p < kc; p++)
                        panel[p * TileRows + r] = source[(nint)p * acs];
                }
            }
        }
        if (whole < mc || mc % TileRows != 0)
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

    // One 5×16 tile over a block of k: starts from C unless this is the first block; adds the bias after the last.
    // A partial tile (at the bottom or right edge) works on a full-size copy in `edge` (5×16, then 16 for the bias).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(float* a, float* b, int kc, float* c, int ldc, bool first, float* bias, int rows, int columns, float* edge)
    {
        bool whole = rows == TileRows && columns == TileColumns;
        float* target = c;
        int ldt = ldc;
        if (!whole)
        {
            // A partial tile works on a full-size copy of its part of C.
            target = edge;
            ldt = TileColumns;
            for (int r = 0; r < TileRows; r++)
                for (int t = 0; t < TileColumns; t++)
                    edge[r * TileColumns + t] = !first && r < rows && t < columns ? c[(nint)r * ldc + t] : 0f;
        }
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41;
        if (first)
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = default;
        }
        else
        {
            c00 = Avx.LoadVector256(target); c01 = Avx.LoadVector256(target + 8);
            c10 = Avx.LoadVector256(target + ldt); c11 = Avx.LoadVector256(target + ldt + 8);
            c20 = Avx.LoadVector256(target + 2 * ldt); c21 = Avx.LoadVector256(target + 2 * ldt + 8);
            c30 = Avx.LoadVector256(target + 3 * ldt); c31 = Avx.LoadVector256(target + 3 * ldt + 8);
            c40 = Avx.LoadVector256(target + 4 * ldt); c41 = Avx.LoadVector256(target + 4 * ldt + 8);
        }
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> y0 = Avx.LoadVector256(b), y1 = Avx.LoadVector256(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(x, y0, c00);
            c01 = Fma.MultiplyAdd(x, y1, c01);
            x = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(x, y0, c10);
            c11 = Fma.MultiplyAdd(x, y1, c11);
            x = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(x, y0, c20);
            c21 = Fma.MultiplyAdd(x, y1, c21);
            x = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(x, y0, c30);
            c31 = Fma.MultiplyAdd(x, y1, c31);
            x = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(x, y0, c40);
            c41 = Fma.MultiplyAdd(x, y1, c41);
            a += TileRows;
            b += TileColumns;
        }
        if (bias != null)
        {
            // A partial tile reads its bias from a zero-padded copy rather than past the end of the biases.
            float* padded = bias;
            if (columns < TileColumns)
            {
                padded = edge + TileRows * TileColumns;
                for (int t = 0; t < TileColumns; t++)
                    padded[t] = t < columns ? bias[t] : 0f;
            }
            Vector256<float> z0 = Avx.LoadVector256(padded), z1 = Avx.LoadVector256(padded + 8);
            c00 = Avx.Add(c00, z0); c10 = Avx.Add(c10, z0); c20 = Avx.Add(c20, z0); c30 = Avx.Add(c30, z0); c40 = Avx.Add(c40, z0);
            c01 = Avx.Add(c01, z1); c11 = Avx.Add(c11, z1); c21 = Avx.Add(c21, z1); c31 = Avx.Add(c31, z1); c41 = Avx.Add(c41, z1);
        }
        Avx.Store(target, c00); Avx.Store(target + 8, c01);
        Avx.Store(target + ldt, c10); Avx.Store(target + ldt + 8, c11);
        Avx.Store(target + 2 * ldt, c20); Avx.Store(target + 2 * ldt + 8, c21);
        Avx.Store(target + 3 * ldt, c30); Avx.Store(target + 3 * ldt + 8, c31);
        Avx.Store(target + 4 * ldt, c40); Avx.Store(target + 4 * ldt + 8, c41);
        if (!whole)
        {
            for (int r = 0; r < rows; r++)
                for (int t = 0; t < columns; t++)
                    c[(nint)r * ldc + t] = edge[r * TileColumns + t];
        }
    }

    private static float[] Scratch(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
            buffer = new float[length];
        return buffer;
    }
}
