using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mlp.Kernels.Products;

/// <summary>
/// Register-tiled single-precision products over <see cref="Vector512{T}"/> (x64 with AVX-512F, e.g. AMD Zen 4 and
/// Intel since Ice Lake), chosen over <see cref="GemmAvx2"/> where the hardware has them. A 512-bit FMA does no more
/// arithmetic per cycle than two 256-bit ones (Zen 4 splits it), but the 32 vector registers hold tiles of 20
/// accumulators, so each loaded operand feeds twice as many FMAs, and masked loads and stores cover ragged edges.
/// </summary>
/// <remarks>
/// Broadcast products compute each element as one FMA chain over p in order, exactly as <see cref="GemmAvx2"/> and
/// <see cref="GemmPortable"/> do, so they give the same bits on every path. Dot products sum 16 lanes over p where
/// <see cref="GemmAvx2"/> sums 8, so their last bits differ from the AVX2 path's (as the AVX2 and portable paths
/// already differ). Within this path every element is computed by the same operations whichever tile or tail computes
/// it, so any partition of a product (between threads, into tiles and tails) gives identical bits.
/// </remarks>
internal static unsafe class GemmAvx512
{
    // A column block of B of about this many floats (256 KB) stays in L2 while every row of A passes it.
    private const int DotBlockFloats = 64 * 1024;

    // From this k on, the last n mod 16 columns of A·B with A's rows contiguous are computed as dot products over a
    // copy of those columns of B: a masked broadcast tile would spend a whole vector of FMAs on each of them per p.
    internal const int DotTailMinK = 256;

    [ThreadStatic]
    private static float[]? t_tailColumns;

    /// <summary>Whether the hardware runs these kernels (and the AVX2 helpers they share).</summary>
    public static bool IsSupported => Avx512F.IsSupported && Vector512.IsHardwareAccelerated && GemmAvx2.IsSupported;

    /// <summary>
    /// <c>C[i·ldc + j] = Σ_p A[i·lda + p] · B[j·ldb + p] (+ bias[j])</c> for <c>i &lt; m</c>, <c>j &lt; n</c>:
    /// both operands contiguous along k. Each element sums 16 lanes over p (a masked last vector for
    /// <c>k mod 16</c>), adds lane <c>l</c> to lane <c>l + 8</c>, then reduces the 8 sums in
    /// <see cref="GemmAvx2.Reduce4"/>'s fixed tree. Tiles of 5 rows × 4 columns (20 accumulators), a single row 8 columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        // Packed operands and a copy of A hold the same values: the same bits.
        if (GemmAvx512PackedDot.Worthwhile(m, n, k))
            GemmAvx512PackedDot.Dot(a, lda, b, ldb, c, ldc, bias, m, n, k);
        else if (PageAliasing.Worsens(a, lda, b, ldb, (long)m * n * k))
            DotBlocks(PageAliasing.CopyAway(a, lda, b, m, k), k, b, ldb, c, ldc, bias, m, n, k);
        else
            DotBlocks(a, lda, b, ldb, c, ldc, bias, m, n, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotBlocks(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        Vector512<float> mask = TailMask(k & 15);
        int blockColumns = Math.Max(4, DotBlockFloats / k & ~3);
        for (int j0 = 0; j0 < n; j0 += blockColumns)
        {
            int columns = Math.Min(n - j0, blockColumns);
            float* b0 = b + (nint)j0 * ldb, c0 = c + j0, bias0 = Offset(bias, j0);
            int i = 0;
            for (; i + 5 <= m; i += 5)
                DotRows<Rows5>(a + (nint)i * lda, lda, b0, ldb, c0 + (nint)i * ldc, ldc, bias0, columns, k, mask);
            float* at = a + (nint)i * lda, ct = c0 + (nint)i * ldc;
            switch (m - i)
            {
                case 4: DotRows<Rows4>(at, lda, b0, ldb, ct, ldc, bias0, columns, k, mask); break;
                case 3: DotRows<Rows3>(at, lda, b0, ldb, ct, ldc, bias0, columns, k, mask); break;
                case 2: DotRows<Rows2>(at, lda, b0, ldb, ct, ldc, bias0, columns, k, mask); break;
                case 1: DotRows<Rows1>(at, lda, b0, ldb, ct, ldc, bias0, columns, k, mask); break;
            }
        }
    }

    /// <summary>
    /// <c>C[i·ldc + j] = Σ_p A[i·ars + p·acs] · B[p·ldb + j] (+ bias[j])</c> for <c>i &lt; m</c>, <c>j &lt; n</c>:
    /// B contiguous along n, A at any strides. Whole vectors of 16 columns run broadcast tiles of 8 rows × 48 columns
    /// or 10 rows × 32. The last <c>n mod 16</c> columns, when A is stored transposed (<c>ars = 1</c>), are computed down the
    /// rows instead (16 rows per vector, still one FMA chain per element); when A's rows are contiguous and k is long,
    /// as dot products (<see cref="Dot"/>) over a copy of those columns; otherwise by masked broadcast tiles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Broadcast(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        int tail = n & 15;
        bool alongRows = tail != 0 && ars == 1;
        bool byDots = tail != 0 && !alongRows && acs == 1 && k >= DotTailMinK;
        int main = alongRows || byDots ? n - tail : n;
        if (main > 0)
        {
            // Packed tiles sum the same FMA chains: the same bits, for the products that outgrow the caches.
            if (GemmAvx2.UsePacked(m, main, k))
                GemmAvx512Packed.Broadcast(a, ars, acs, b, ldb, c, ldc, bias, m, main, k);
            else
                BroadcastPanels(a, ars, acs, b, ldb, c, ldc, bias, m, main, k);
        }
        if (alongRows)
            TailAlongRows(a, acs, b + main, ldb, c + main, ldc, Offset(bias, main), m, tail, k);
        else if (byDots)
            TailByDots(a, ars, b + main, ldb, c + main, ldc, Offset(bias, main), m, tail, k);
    }

    // TRows rows of A against n rows of B: tiles of 4 columns (8 for a single row), then the last 1–3.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRows<TRows>(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int n, int k, Vector512<float> mask)
        where TRows : struct, ITileRows
    {
        int j = 0;
        if (TRows.Count == 1)
        {
            // A single row (batch 1, or the last of a batch) would spend a 1×4 tile's time on set-up and reductions.
            for (; j + 8 <= n; j += 8)
                Dot1x8(a, b + (nint)j * ldb, ldb, c + j, Offset(bias, j), k, mask);
        }
        for (; j + 4 <= n; j += 4)
            DotTile<TRows, Columns4>(a, lda, b + (nint)j * ldb, ldb, c + j, ldc, Offset(bias, j), k, mask);
        float* bt = b + (nint)j * ldb, ct = c + j, biasT = Offset(bias, j);
        switch (n - j)
        {
            case 3: DotTile<TRows, Columns3>(a, lda, bt, ldb, ct, ldc, biasT, k, mask); break;
            case 2: DotTile<TRows, Columns2>(a, lda, bt, ldb, ct, ldc, biasT, k, mask); break;
            case 1: DotTile<TRows, Columns1>(a, lda, bt, ldb, ct, ldc, biasT, k, mask); break;
        }
    }

    // Up to 5 rows × 4 columns of C: 20 accumulators, 4 vectors of B and 1 of A (25 of the 32 registers).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotTile<TRows, TColumns>(float* a0, int lda, float* b0, int ldb, float* c, int ldc, float* bias, int k, Vector512<float> mask)
        where TRows : struct, ITileRows
        where TColumns : struct, IDotColumns
    {
        int rows = TRows.Count, columns = TColumns.Count;
        float* a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda;
        float* b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
        Vector512<float> s40 = default, s41 = default, s42 = default, s43 = default;
        Vector512<float> y0, y1 = default, y2 = default, y3 = default, x;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            y0 = Vector512.Load(b0 + p);
            if (columns > 1) y1 = Vector512.Load(b1 + p);
            if (columns > 2) y2 = Vector512.Load(b2 + p);
            if (columns > 3) y3 = Vector512.Load(b3 + p);
            x = Vector512.Load(a0 + p);
            s00 = Fma(x, y0, s00); if (columns > 1) s01 = Fma(x, y1, s01); if (columns > 2) s02 = Fma(x, y2, s02); if (columns > 3) s03 = Fma(x, y3, s03);
            if (rows > 1)
            {
                x = Vector512.Load(a1 + p);
                s10 = Fma(x, y0, s10); if (columns > 1) s11 = Fma(x, y1, s11); if (columns > 2) s12 = Fma(x, y2, s12); if (columns > 3) s13 = Fma(x, y3, s13);
            }
            if (rows > 2)
            {
                x = Vector512.Load(a2 + p);
                s20 = Fma(x, y0, s20); if (columns > 1) s21 = Fma(x, y1, s21); if (columns > 2) s22 = Fma(x, y2, s22); if (columns > 3) s23 = Fma(x, y3, s23);
            }
            if (rows > 3)
            {
                x = Vector512.Load(a3 + p);
                s30 = Fma(x, y0, s30); if (columns > 1) s31 = Fma(x, y1, s31); if (columns > 2) s32 = Fma(x, y2, s32); if (columns > 3) s33 = Fma(x, y3, s33);
            }
            if (rows > 4)
            {
                x = Vector512.Load(a4 + p);
                s40 = Fma(x, y0, s40); if (columns > 1) s41 = Fma(x, y1, s41); if (columns > 2) s42 = Fma(x, y2, s42); if (columns > 3) s43 = Fma(x, y3, s43);
            }
        }
        if (p < k)
        {
            // The last k mod 16 values, the lanes past k loaded as zeros: the same sums as a longer loop would make.
            y0 = MaskLoad(b0 + p, mask);
            if (columns > 1) y1 = MaskLoad(b1 + p, mask);
            if (columns > 2) y2 = MaskLoad(b2 + p, mask);
            if (columns > 3) y3 = MaskLoad(b3 + p, mask);
            x = MaskLoad(a0 + p, mask);
            s00 = Fma(x, y0, s00); if (columns > 1) s01 = Fma(x, y1, s01); if (columns > 2) s02 = Fma(x, y2, s02); if (columns > 3) s03 = Fma(x, y3, s03);
            if (rows > 1)
            {
                x = MaskLoad(a1 + p, mask);
                s10 = Fma(x, y0, s10); if (columns > 1) s11 = Fma(x, y1, s11); if (columns > 2) s12 = Fma(x, y2, s12); if (columns > 3) s13 = Fma(x, y3, s13);
            }
            if (rows > 2)
            {
                x = MaskLoad(a2 + p, mask);
                s20 = Fma(x, y0, s20); if (columns > 1) s21 = Fma(x, y1, s21); if (columns > 2) s22 = Fma(x, y2, s22); if (columns > 3) s23 = Fma(x, y3, s23);
            }
            if (rows > 3)
            {
                x = MaskLoad(a3 + p, mask);
                s30 = Fma(x, y0, s30); if (columns > 1) s31 = Fma(x, y1, s31); if (columns > 2) s32 = Fma(x, y2, s32); if (columns > 3) s33 = Fma(x, y3, s33);
            }
            if (rows > 4)
            {
                x = MaskLoad(a4 + p, mask);
                s40 = Fma(x, y0, s40); if (columns > 1) s41 = Fma(x, y1, s41); if (columns > 2) s42 = Fma(x, y2, s42); if (columns > 3) s43 = Fma(x, y3, s43);
            }
        }
        StoreSums<TColumns>(c, bias, s00, s01, s02, s03);
        if (rows > 1) StoreSums<TColumns>(c + ldc, bias, s10, s11, s12, s13);
        if (rows > 2) StoreSums<TColumns>(c + 2 * ldc, bias, s20, s21, s22, s23);
        if (rows > 3) StoreSums<TColumns>(c + 3 * ldc, bias, s30, s31, s32, s33);
        if (rows > 4) StoreSums<TColumns>(c + 4 * ldc, bias, s40, s41, s42, s43);
    }

    // One row of A against eight rows of B: 8 accumulators, each element summed and reduced as in DotTile.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot1x8(float* a, float* b0, int ldb, float* c, float* bias, int k, Vector512<float> mask)
    {
        float* b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb, b4 = b3 + ldb, b5 = b4 + ldb, b6 = b5 + ldb, b7 = b6 + ldb;
        Vector512<float> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        int p = 0;
        for (; p <= k - 16; p += 16)
        {
            Vector512<float> x = Vector512.Load(a + p);
            s0 = Fma(x, Vector512.Load(b0 + p), s0);
            s1 = Fma(x, Vector512.Load(b1 + p), s1);
            s2 = Fma(x, Vector512.Load(b2 + p), s2);
            s3 = Fma(x, Vector512.Load(b3 + p), s3);
            s4 = Fma(x, Vector512.Load(b4 + p), s4);
            s5 = Fma(x, Vector512.Load(b5 + p), s5);
            s6 = Fma(x, Vector512.Load(b6 + p), s6);
            s7 = Fma(x, Vector512.Load(b7 + p), s7);
        }
        if (p < k)
        {
            Vector512<float> x = MaskLoad(a + p, mask);
            s0 = Fma(x, MaskLoad(b0 + p, mask), s0);
            s1 = Fma(x, MaskLoad(b1 + p, mask), s1);
            s2 = Fma(x, MaskLoad(b2 + p, mask), s2);
            s3 = Fma(x, MaskLoad(b3 + p, mask), s3);
            s4 = Fma(x, MaskLoad(b4 + p, mask), s4);
            s5 = Fma(x, MaskLoad(b5 + p, mask), s5);
            s6 = Fma(x, MaskLoad(b6 + p, mask), s6);
            s7 = Fma(x, MaskLoad(b7 + p, mask), s7);
        }
        StoreSums<Columns4>(c, bias, s0, s1, s2, s3);
        StoreSums<Columns4>(c + 4, Offset(bias, 4), s4, s5, s6, s7);
    }

    // One row of a dot tile: each used accumulator reduced to its sum (unused ones stand in for none), plus the bias.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreSums<TColumns>(float* c, float* bias, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> v3)
        where TColumns : struct, IDotColumns
    {
        int columns = TColumns.Count;
        Vector256<float> h0 = Halves(v0);
        Vector128<float> sums = GemmAvx2.Reduce4(h0, columns > 1 ? Halves(v1) : h0, columns > 2 ? Halves(v2) : h0, columns > 3 ? Halves(v3) : h0);
        if (columns == 4)
        {
            if (bias != null)
                sums = Sse.Add(sums, Sse.LoadVector128(bias));
            Sse.Store(c, sums);
            return;
        }
        if (bias != null)
        {
            // Only as many biases as columns exist: a full load could read past the end of the biases.
            sums = Sse.Add(sums, Vector128.Create(bias[0], columns > 1 ? bias[1] : 0f, columns > 2 ? bias[2] : 0f, 0f));
        }
        c[0] = sums.ToScalar();
        if (columns > 1) c[1] = sums.GetElement(1);
        if (columns > 2) c[2] = sums.GetElement(2);
    }

    // Lane l plus lane l + 8: the first step of every dot product's reduction.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Halves(Vector512<float> v) => Avx.Add(v.GetLower(), v.GetUpper());

    // Columns in panels of 48 (8-row tiles), then 32 (10-row tiles), then 16, then a masked last panel.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastPanels(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        int j = 0;
        for (; j + 48 <= n; j += 48)
            BroadcastColumns<ThreeVectors>(a, ars, acs, b + j, ldb, c + j, ldc, Offset(bias, j), m, k, default);
        if (j + 32 <= n)
        {
            BroadcastColumns<TwoVectors>(a, ars, acs, b + j, ldb, c + j, ldc, Offset(bias, j), m, k, default);
            j += 32;
        }
        if (j + 16 <= n)
        {
            BroadcastColumns<OneVector>(a, ars, acs, b + j, ldb, c + j, ldc, Offset(bias, j), m, k, default);
            j += 16;
        }
        if (j < n)
            BroadcastColumns<MaskedVector>(a, ars, acs, b + j, ldb, c + j, ldc, Offset(bias, j), m, k, TailMask(n - j));
    }

    // One panel of columns down the rows: tiles of 8 rows for three vectors, else of 10; then the last rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastColumns<TColumns>(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int k, Vector512<float> mask)
        where TColumns : struct, ITileColumns
    {
        int i = 0;
        if (TColumns.Vectors == 3)
        {
            for (; i + 8 <= m; i += 8)
                BroadcastTile<Rows8, TColumns>(a + (nint)i * ars, ars, acs, b, ldb, c + (nint)i * ldc, ldc, bias, k, mask);
        }
        else
        {
            for (; i + 10 <= m; i += 10)
                BroadcastTile<Rows10, TColumns>(a + (nint)i * ars, ars, acs, b, ldb, c + (nint)i * ldc, ldc, bias, k, mask);
        }
        if (i + 5 <= m)
        {
            BroadcastTile<Rows5, TColumns>(a + (nint)i * ars, ars, acs, b, ldb, c + (nint)i * ldc, ldc, bias, k, mask);
            i += 5;
        }
        float* at = a + (nint)i * ars, ct = c + (nint)i * ldc;
        switch (m - i)
        {
            case 4: BroadcastTile<Rows4, TColumns>(at, ars, acs, b, ldb, ct, ldc, bias, k, mask); break;
            case 3: BroadcastTile<Rows3, TColumns>(at, ars, acs, b, ldb, ct, ldc, bias, k, mask); break;
            case 2: BroadcastTile<Rows2, TColumns>(at, ars, acs, b, ldb, ct, ldc, bias, k, mask); break;
            case 1: BroadcastTile<Rows1, TColumns>(at, ars, acs, b, ldb, ct, ldc, bias, k, mask); break;
        }
    }

    // Up to 10 rows × 2 vectors, or 8 rows × 3 vectors, of C: at most 24 accumulators, 3 vectors of B and 1 broadcast
    // of A (28 of the 32 registers).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastTile<TRows, TColumns>(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int k, Vector512<float> mask)
        where TRows : struct, ITileRows
        where TColumns : struct, ITileColumns
    {
        bool two = TColumns.Vectors >= 2, three = TColumns.Vectors == 3;
        int rows = TRows.Count;
        Vector512<float> c00 = default, c01 = default, c02 = default, c10 = default, c11 = default, c12 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c30 = default, c31 = default, c32 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c50 = default, c51 = default, c52 = default;
        Vector512<float> c60 = default, c61 = default, c62 = default, c70 = default, c71 = default, c72 = default;
        Vector512<float> c80 = default, c81 = default, c90 = default, c91 = default;
        // Rows 0–4 from a0, rows 5–9 from a5, each at 0–4 row strides: every address a base register plus a scaled index.
        float* a0 = a, a5 = a + 5 * ars;
        nint s1 = ars, s3 = 3 * (nint)ars, step = acs, ldbStep = ldb;
        for (; k > 0; k--)
        {
            Vector512<float> y0 = TColumns.Masked ? MaskLoad(b, mask) : Vector512.Load(b);
            Vector512<float> y1 = two ? Vector512.Load(b + 16) : default;
            Vector512<float> y2 = three ? Vector512.Load(b + 32) : default;
            Vector512<float> x = Vector512.Create(a0[0]);
            c00 = Fma(x, y0, c00); if (two) c01 = Fma(x, y1, c01); if (three) c02 = Fma(x, y2, c02);
            if (rows > 1) { x = Vector512.Create(a0[s1]); c10 = Fma(x, y0, c10); if (two) c11 = Fma(x, y1, c11); if (three) c12 = Fma(x, y2, c12); }
            if (rows > 2) { x = Vector512.Create(a0[2 * s1]); c20 = Fma(x, y0, c20); if (two) c21 = Fma(x, y1, c21); if (three) c22 = Fma(x, y2, c22); }
            if (rows > 3) { x = Vector512.Create(a0[s3]); c30 = Fma(x, y0, c30); if (two) c31 = Fma(x, y1, c31); if (three) c32 = Fma(x, y2, c32); }
            if (rows > 4) { x = Vector512.Create(a0[4 * s1]); c40 = Fma(x, y0, c40); if (two) c41 = Fma(x, y1, c41); if (three) c42 = Fma(x, y2, c42); }
            if (rows > 5) { x = Vector512.Create(a5[0]); c50 = Fma(x, y0, c50); if (two) c51 = Fma(x, y1, c51); if (three) c52 = Fma(x, y2, c52); }
            if (rows > 6) { x = Vector512.Create(a5[s1]); c60 = Fma(x, y0, c60); if (two) c61 = Fma(x, y1, c61); if (three) c62 = Fma(x, y2, c62); }
            if (rows > 7) { x = Vector512.Create(a5[2 * s1]); c70 = Fma(x, y0, c70); if (two) c71 = Fma(x, y1, c71); if (three) c72 = Fma(x, y2, c72); }
            // Ten rows only with at most two vectors (the register budget).
            if (rows > 8) { x = Vector512.Create(a5[s3]); c80 = Fma(x, y0, c80); if (two) c81 = Fma(x, y1, c81); }
            if (rows > 9) { x = Vector512.Create(a5[4 * s1]); c90 = Fma(x, y0, c90); if (two) c91 = Fma(x, y1, c91); }
            a0 += step;
            a5 += step;
            b += ldbStep;
        }
        if (bias != null)
        {
            Vector512<float> z0 = TColumns.Masked ? MaskLoad(bias, mask) : Vector512.Load(bias);
            Vector512<float> z1 = two ? Vector512.Load(bias + 16) : default;
            Vector512<float> z2 = three ? Vector512.Load(bias + 32) : default;
            c00 += z0; c10 += z0; c20 += z0; c30 += z0; c40 += z0; c50 += z0; c60 += z0; c70 += z0; c80 += z0; c90 += z0;
            c01 += z1; c11 += z1; c21 += z1; c31 += z1; c41 += z1; c51 += z1; c61 += z1; c71 += z1; c81 += z1; c91 += z1;
            c02 += z2; c12 += z2; c22 += z2; c32 += z2; c42 += z2; c52 += z2; c62 += z2; c72 += z2;
        }
        StoreRow<TColumns>(c, c00, c01, c02, mask);
        if (rows > 1) StoreRow<TColumns>(c + ldc, c10, c11, c12, mask);
        if (rows > 2) StoreRow<TColumns>(c + 2 * ldc, c20, c21, c22, mask);
        if (rows > 3) StoreRow<TColumns>(c + 3 * ldc, c30, c31, c32, mask);
        if (rows > 4) StoreRow<TColumns>(c + 4 * ldc, c40, c41, c42, mask);
        if (rows > 5) StoreRow<TColumns>(c + 5 * ldc, c50, c51, c52, mask);
        if (rows > 6) StoreRow<TColumns>(c + 6 * ldc, c60, c61, c62, mask);
        if (rows > 7) StoreRow<TColumns>(c + 7 * ldc, c70, c71, c72, mask);
        if (rows > 8) StoreRow<TColumns>(c + 8 * ldc, c80, c81, default, mask);
        if (rows > 9) StoreRow<TColumns>(c + 9 * ldc, c90, c91, default, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TColumns>(float* c, Vector512<float> v0, Vector512<float> v1, Vector512<float> v2, Vector512<float> mask)
        where TColumns : struct, ITileColumns
    {
        if (TColumns.Masked)
        {
            Avx512F.MaskStore(c, mask, v0);
            return;
        }
        v0.Store(c);
        if (TColumns.Vectors >= 2)
            v1.Store(c + 16);
        if (TColumns.Vectors == 3)
            v2.Store(c + 32);
    }

    // The last `columns` (< 16) columns of C for an A stored transposed (element (i, p) at a[i + p·acs]): each column
    // down the rows, 16 rows per vector, B's element broadcast. Up to 4 columns at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TailAlongRows(float* a, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int columns, int k)
    {
        for (int j = 0; j < columns; j += 4)
        {
            float* bj = b + j, cj = c + j, biasJ = Offset(bias, j);
            switch (Math.Min(4, columns - j))
            {
                case 4: AlongRows<Columns4>(a, acs, bj, ldb, cj, ldc, biasJ, m, k); break;
                case 3: AlongRows<Columns3>(a, acs, bj, ldb, cj, ldc, biasJ, m, k); break;
                case 2: AlongRows<Columns2>(a, acs, bj, ldb, cj, ldc, biasJ, m, k); break;
                case 1: AlongRows<Columns1>(a, acs, bj, ldb, cj, ldc, biasJ, m, k); break;
            }
        }
    }

    // TColumns columns of C, 64 rows at a time (16 accumulators at most), then 16 at a time with the last rows masked.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AlongRows<TColumns>(float* a, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int k)
        where TColumns : struct, IDotColumns
    {
        float* sums = stackalloc float[4 * 64];
        int i = 0;
        for (; i + 64 <= m; i += 64)
        {
            AlongRowsTile<TColumns, Rows64>(a + i, acs, b, ldb, k, default, sums);
            Scatter<TColumns>(sums, c + (nint)i * ldc, ldc, bias, 64);
        }
        for (; i < m; i += 16)
        {
            int rows = Math.Min(16, m - i);
            AlongRowsTile<TColumns, MaskedRows16>(a + i, acs, b, ldb, k, TailMask(rows), sums);
            Scatter<TColumns>(sums, c + (nint)i * ldc, ldc, bias, rows);
        }
    }

    // Column q of the tile's sums into sums[64·q ...]: 64 rows (4 vectors), or up to 16 (1 masked vector) for the last rows.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AlongRowsTile<TColumns, TBlock>(float* a, int acs, float* b, int ldb, int k, Vector512<float> mask, float* sums)
        where TColumns : struct, IDotColumns
        where TBlock : struct, IRowBlock
    {
        int columns = TColumns.Count;
        bool whole = !TBlock.Masked;
        Vector512<float> s00 = default, s01 = default, s02 = default, s03 = default;
        Vector512<float> s10 = default, s11 = default, s12 = default, s13 = default;
        Vector512<float> s20 = default, s21 = default, s22 = default, s23 = default;
        Vector512<float> s30 = default, s31 = default, s32 = default, s33 = default;
        for (; k > 0; k--)
        {
            Vector512<float> x0 = whole ? Vector512.Load(a) : MaskLoad(a, mask);
            Vector512<float> x1 = whole ? Vector512.Load(a + 16) : default;
            Vector512<float> x2 = whole ? Vector512.Load(a + 32) : default;
            Vector512<float> x3 = whole ? Vector512.Load(a + 48) : default;
            Vector512<float> y = Vector512.Create(b[0]);
            s00 = Fma(x0, y, s00); if (whole) { s01 = Fma(x1, y, s01); s02 = Fma(x2, y, s02); s03 = Fma(x3, y, s03); }
            if (columns > 1)
            {
                y = Vector512.Create(b[1]);
                s10 = Fma(x0, y, s10); if (whole) { s11 = Fma(x1, y, s11); s12 = Fma(x2, y, s12); s13 = Fma(x3, y, s13); }
            }
            if (columns > 2)
            {
                y = Vector512.Create(b[2]);
                s20 = Fma(x0, y, s20); if (whole) { s21 = Fma(x1, y, s21); s22 = Fma(x2, y, s22); s23 = Fma(x3, y, s23); }
            }
            if (columns > 3)
            {
                y = Vector512.Create(b[3]);
                s30 = Fma(x0, y, s30); if (whole) { s31 = Fma(x1, y, s31); s32 = Fma(x2, y, s32); s33 = Fma(x3, y, s33); }
            }
            a += acs;
            b += ldb;
        }
        s00.Store(sums); if (whole) { s01.Store(sums + 16); s02.Store(sums + 32); s03.Store(sums + 48); }
        if (columns > 1) { s10.Store(sums + 64); if (whole) { s11.Store(sums + 80); s12.Store(sums + 96); s13.Store(sums + 112); } }
        if (columns > 2) { s20.Store(sums + 128); if (whole) { s21.Store(sums + 144); s22.Store(sums + 160); s23.Store(sums + 176); } }
        if (columns > 3) { s30.Store(sums + 192); if (whole) { s31.Store(sums + 208); s32.Store(sums + 224); s33.Store(sums + 240); } }
    }

    // Rows 0..rows−1 of the column sums back into C's rows, each plus its bias after the sum (as a tile adds it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scatter<TColumns>(float* sums, float* c, int ldc, float* bias, int rows)
        where TColumns : struct, IDotColumns
    {
        for (int q = 0; q < TColumns.Count; q++)
        {
            float* column = sums + 64 * q, cq = c + q;
            if (bias == null)
            {
                for (int r = 0; r < rows; r++)
                    cq[(nint)r * ldc] = column[r];
            }
            else
            {
                float z = bias[q];
                for (int r = 0; r < rows; r++)
                    cq[(nint)r * ldc] = column[r] + z;
            }
        }
    }

    // The last `columns` (< 16) columns of C = A·B for A's rows contiguous along k: B's columns copied into rows of a
    // scratch buffer (this thread's), then dot products.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TailByDots(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int m, int columns, int k)
    {
        int length = columns * k;
        float[]? buffer = t_tailColumns;
        if (buffer is null || buffer.Length < length)
            t_tailColumns = buffer = new float[length];
        fixed (float* bt = buffer)
        {
            GemmAvx2.Transpose(b, ldb, bt, k, k, columns);
            Dot(a, lda, bt, k, c, ldc, bias, m, columns, k);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma(Vector512<float> x, Vector512<float> y, Vector512<float> sum) => Avx512F.FusedMultiplyAdd(x, y, sum);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> MaskLoad(float* address, Vector512<float> mask) => Avx512F.MaskLoad(address, mask, Vector512<float>.Zero);

    /// <summary>All bits set in lanes <c>0 … count−1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector512<float> TailMask(int count) =>
        Vector512.LessThan(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Offset(float* bias, int j) => bias == null ? null : bias + j;
}
