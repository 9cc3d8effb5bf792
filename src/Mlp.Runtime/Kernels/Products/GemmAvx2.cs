using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Mlp.Kernels.Products;

/// <summary>
/// Register-tiled single-precision products over <see cref="Vector256{T}"/> with FMA (x64 with AVX2).
/// Every output element is computed by the same sequence of operations whichever tile computes it, so
/// any partition of the output, between threads or into main tiles and tails, gives identical bits.
/// Tiles stay within the 16 vector registers of AVX2: 10 accumulators and at most 3 operands.
/// Methods are compiled fully optimised at once (<see cref="MethodImplOptions.AggressiveOptimization"/>): tiles
/// are called thousands of times per product, and left to tiering they would run unoptimised code for the
/// first products of a run.
/// </summary>
internal static unsafe class GemmAvx2
{
    // A column block of B of about this many floats (256 KB) stays in L2 while every row of A passes it.
    private const int DotBlockFloats = 64 * 1024;

    // From this many multiply-adds on, broadcast products pack their operands (GemmAvx2Packed, or GemmAvx512Packed on
    // the AVX-512 path; same bits): the matrices no longer fit the caches as they lie.
    private const long PackedMinMultiplyAdds = 1L << 23;

    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>For tests, process-wide: 1 packs every broadcast product of at least 5 rows, −1 none, 0 follows the shape rule.</summary>
    internal static int PackedOverride { get; set; }

    /// <summary>
    /// <c>C[i·ldc + j] = Σ_p A[i·lda + p] · B[j·ldb + p] (+ bias[j])</c> for <c>i &lt; m</c>, <c>j &lt; n</c>:
    /// both operands contiguous along k. Each element sums 8 lanes over p (a masked last vector for
    /// <c>k mod 8</c>), then reduces the lanes in one fixed tree (<see cref="Reduce4"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        Vector256<float> mask = TailMask(k & 7);
        int blockColumns = Math.Max(8, DotBlockFloats / k & ~7);
        for (int j0 = 0; j0 < n; j0 += blockColumns)
        {
            int j1 = Math.Min(n, j0 + blockColumns);
            int i = 0;
            for (; i + 5 <= m; i += 5)
            {
                float* ai = a + (nint)i * lda;
                float* ci = c + (nint)i * ldc;
                int j = j0;
                for (; j + 2 <= j1; j += 2)
                    Dot5x2(ai, lda, b + (nint)j * ldb, ldb, ci + j, ldc, Offset(bias, j), k, mask);
                if (j < j1)
                {
                    for (int r = 0; r < 5; r++)
                        Dot1x1(ai + (nint)r * lda, b + (nint)j * ldb, ci + (nint)r * ldc + j, Offset(bias, j), k, mask);
                }
            }
            for (; i < m; i++)
            {
                float* ai = a + (nint)i * lda;
                float* ci = c + (nint)i * ldc;
                int j = j0;
                for (; j + 8 <= j1; j += 8)
                    Dot1x8(ai, b + (nint)j * ldb, ldb, ci + j, Offset(bias, j), k, mask);
                for (; j < j1; j++)
                    Dot1x1(ai, b + (nint)j * ldb, ci + j, Offset(bias, j), k, mask);
            }
        }
    }

    /// <summary>
    /// <c>C[i·ldc + j] = Σ_p A[i·ars + p·acs] · B[p·ldb + j] (+ bias[j])</c> for <c>i &lt; m</c>, <c>j &lt; n</c>:
    /// B contiguous along n, A at any strides (so a transposed A needs no copy). Each element is one
    /// FMA chain over p in order; tiles broadcast one element of A against vectors of a row of B.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Broadcast(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        if (UsePacked(m, n, k))
        {
            GemmAvx2Packed.Broadcast(a, ars, acs, b, ldb, c, ldc, bias, m, n, k);
            return;
        }
        int j = 0;
        for (; j + 16 <= n; j += 16)
            BroadcastColumns<TwoVectors>(a, ars, acs, b + j, ldb, c + j, ldc, Offset(bias, j), m, k, default);
        if (j + 8 <= n)
        {
            BroadcastColumns<OneVector>(a, ars, acs, b + j, ldb, c + j, ldc, Offset(bias, j), m, k, default);
            j += 8;
        }
        if (j < n)
            BroadcastColumns<MaskedVector>(a, ars, acs, b + j, ldb, c + j, ldc, Offset(bias, j), m, k, TailMask(n - j));
    }

    /// <summary>Whether <see cref="Broadcast"/> packs its operands for this shape (the result is the same bits either way).</summary>
    internal static bool UsePacked(int m, int n, int k)
    {
        if (PackedOverride != 0)
            return PackedOverride > 0 && m >= GemmAvx2Packed.TileRows;
        // A ragged n pads its last panel to 16 columns: only worth it when n is wide. (Packing the autoencoder's
        // 1.96M-multiply-add products measured faster alone but slower inside a training step.)
        return m >= GemmAvx2Packed.TileRows
            && (long)m * n * k >= PackedMinMultiplyAdds
            && (n % GemmAvx2Packed.TileColumns == 0 || n >= 256);
    }

    /// <summary><c>P[p·ldp + j] = B[j·ldb + p]</c> for <c>j &lt; n</c>, <c>p &lt; k</c>: B's rows become P's columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(float* b, int ldb, float* p, int ldp, int n, int k)
    {
        int j = 0;
        for (; j + 8 <= n; j += 8)
        {
            float* bj = b + (nint)j * ldb;
            int q = 0;
            for (; q + 8 <= k; q += 8)
                Transpose8x8(bj + q, ldb, p + (nint)q * ldp + j, ldp);
            for (; q < k; q++)
            {
                float* row = p + (nint)q * ldp + j;
                for (int r = 0; r < 8; r++)
                    row[r] = bj[(nint)r * ldb + q];
            }
        }
        for (; j < n; j++)
        {
            for (int q = 0; q < k; q++)
                p[(nint)q * ldp + j] = b[(nint)j * ldb + q];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot5x2(float* a0, int lda, float* b0, int ldb, float* c, int ldc, float* bias, int k, Vector256<float> mask)
    {
        float* a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda;
        float* b1 = b0 + ldb;
        Vector256<float> s00 = default, s01 = default, s10 = default, s11 = default, s20 = default;
        Vector256<float> s21 = default, s30 = default, s31 = default, s40 = default, s41 = default;
        int p = 0;
        for (; p <= k - 8; p += 8)
        {
            Vector256<float> y0 = Avx.LoadVector256(b0 + p), y1 = Avx.LoadVector256(b1 + p);
            Vector256<float> x = Avx.LoadVector256(a0 + p);
            s00 = Fma.MultiplyAdd(x, y0, s00);
            s01 = Fma.MultiplyAdd(x, y1, s01);
            x = Avx.LoadVector256(a1 + p);
            s10 = Fma.MultiplyAdd(x, y0, s10);
            s11 = Fma.MultiplyAdd(x, y1, s11);
            x = Avx.LoadVector256(a2 + p);
            s20 = Fma.MultiplyAdd(x, y0, s20);
            s21 = Fma.MultiplyAdd(x, y1, s21);
            x = Avx.LoadVector256(a3 + p);
            s30 = Fma.MultiplyAdd(x, y0, s30);
            s31 = Fma.MultiplyAdd(x, y1, s31);
            x = Avx.LoadVector256(a4 + p);
            s40 = Fma.MultiplyAdd(x, y0, s40);
            s41 = Fma.MultiplyAdd(x, y1, s41);
        }
        if (p < k)
        {
            Vector256<float> y0 = Avx.MaskLoad(b0 + p, mask), y1 = Avx.MaskLoad(b1 + p, mask);
            Vector256<float> x = Avx.MaskLoad(a0 + p, mask);
            s00 = Fma.MultiplyAdd(x, y0, s00);
            s01 = Fma.MultiplyAdd(x, y1, s01);
            x = Avx.MaskLoad(a1 + p, mask);
            s10 = Fma.MultiplyAdd(x, y0, s10);
            s11 = Fma.MultiplyAdd(x, y1, s11);
            x = Avx.MaskLoad(a2 + p, mask);
            s20 = Fma.MultiplyAdd(x, y0, s20);
            s21 = Fma.MultiplyAdd(x, y1, s21);
            x = Avx.MaskLoad(a3 + p, mask);
            s30 = Fma.MultiplyAdd(x, y0, s30);
            s31 = Fma.MultiplyAdd(x, y1, s31);
            x = Avx.MaskLoad(a4 + p, mask);
            s40 = Fma.MultiplyAdd(x, y0, s40);
            s41 = Fma.MultiplyAdd(x, y1, s41);
        }
        // [C(r, 0), C(r, 1), C(r+1, 0), C(r+1, 1)]: each row's pair goes out as one 64-bit store.
        Vector128<float> r01 = Reduce4(s00, s01, s10, s11);
        Vector128<float> r23 = Reduce4(s20, s21, s30, s31);
        Vector128<float> r4 = Reduce4(s40, s41, s40, s41);
        if (bias != null)
        {
            Vector128<float> pair = Vector128.Create(Unsafe.ReadUnaligned<double>(bias)).AsSingle();
            r01 = Sse.Add(r01, pair);
            r23 = Sse.Add(r23, pair);
            r4 = Sse.Add(r4, pair);
        }
        Sse.StoreLow(c, r01);
        Sse.StoreHigh(c + ldc, r01);
        Sse.StoreLow(c + 2 * ldc, r23);
        Sse.StoreHigh(c + 3 * ldc, r23);
        Sse.StoreLow(c + 4 * ldc, r4);
    }

    // One row of A against eight rows of B: the tile for batch 1 and for rows left over from Dot5x2.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot1x8(float* a, float* b0, int ldb, float* c, float* bias, int k, Vector256<float> mask)
    {
        float* b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb, b4 = b3 + ldb, b5 = b4 + ldb, b6 = b5 + ldb, b7 = b6 + ldb;
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        Vector256<float> s4 = default, s5 = default, s6 = default, s7 = default;
        int p = 0;
        for (; p <= k - 8; p += 8)
        {
            Vector256<float> x = Avx.LoadVector256(a + p);
            s0 = Fma.MultiplyAdd(x, Avx.LoadVector256(b0 + p), s0);
            s1 = Fma.MultiplyAdd(x, Avx.LoadVector256(b1 + p), s1);
            s2 = Fma.MultiplyAdd(x, Avx.LoadVector256(b2 + p), s2);
            s3 = Fma.MultiplyAdd(x, Avx.LoadVector256(b3 + p), s3);
            s4 = Fma.MultiplyAdd(x, Avx.LoadVector256(b4 + p), s4);
            s5 = Fma.MultiplyAdd(x, Avx.LoadVector256(b5 + p), s5);
            s6 = Fma.MultiplyAdd(x, Avx.LoadVector256(b6 + p), s6);
            s7 = Fma.MultiplyAdd(x, Avx.LoadVector256(b7 + p), s7);
        }
        if (p < k)
        {
            Vector256<float> x = Avx.MaskLoad(a + p, mask);
            s0 = Fma.MultiplyAdd(x, Avx.MaskLoad(b0 + p, mask), s0);
            s1 = Fma.MultiplyAdd(x, Avx.MaskLoad(b1 + p, mask), s1);
            s2 = Fma.MultiplyAdd(x, Avx.MaskLoad(b2 + p, mask), s2);
            s3 = Fma.MultiplyAdd(x, Avx.MaskLoad(b3 + p, mask), s3);
            s4 = Fma.MultiplyAdd(x, Avx.MaskLoad(b4 + p, mask), s4);
            s5 = Fma.MultiplyAdd(x, Avx.MaskLoad(b5 + p, mask), s5);
            s6 = Fma.MultiplyAdd(x, Avx.MaskLoad(b6 + p, mask), s6);
            s7 = Fma.MultiplyAdd(x, Avx.MaskLoad(b7 + p, mask), s7);
        }
        Vector128<float> lo = Reduce4(s0, s1, s2, s3), hi = Reduce4(s4, s5, s6, s7);
        if (bias != null)
        {
            lo = Sse.Add(lo, Sse.LoadVector128(bias));
            hi = Sse.Add(hi, Sse.LoadVector128(bias + 4));
        }
        Sse.Store(c, lo);
        Sse.Store(c + 4, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot1x1(float* a, float* b, float* c, float* bias, int k, Vector256<float> mask)
    {
        Vector256<float> s = default;
        int p = 0;
        for (; p <= k - 8; p += 8)
            s = Fma.MultiplyAdd(Avx.LoadVector256(a + p), Avx.LoadVector256(b + p), s);
        if (p < k)
            s = Fma.MultiplyAdd(Avx.MaskLoad(a + p, mask), Avx.MaskLoad(b + p, mask), s);
        float sum = Reduce4(s, s, s, s).ToScalar();
        *c = bias != null ? sum + *bias : sum;
    }

    /// <summary>
    /// The lane sums of four vectors, <c>[Σv0, Σv1, Σv2, Σv3]</c>, each as
    /// <c>((v[0]+v[4]) + (v[1]+v[5])) + ((v[2]+v[6]) + (v[3]+v[7]))</c>: every tile reduces through here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector128<float> Reduce4(Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3)
    {
        // Halves added first, paired so that one horizontal add leaves [v0 | v2] and [v1 | v3] partial sums in order.
        Vector256<float> x02 = Avx.Add(Avx.Permute2x128(v0, v2, 0x20), Avx.Permute2x128(v0, v2, 0x31));
        Vector256<float> x13 = Avx.Add(Avx.Permute2x128(v1, v3, 0x20), Avx.Permute2x128(v1, v3, 0x31));
        Vector256<float> h = Avx.HorizontalAdd(x02, x13);
        return Sse3.HorizontalAdd(h.GetLower(), h.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastColumns<TColumns>(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int k, Vector256<float> mask)
        where TColumns : struct, ITileColumns
    {
        int i = 0;
        if (TColumns.Vectors == 1)
        {
            // One vector of columns gives 5 rows only 5 accumulators, too few to hide the FMA latency.
            for (; i + 10 <= m; i += 10)
                BroadcastTile10<TColumns>(a + (nint)i * ars, ars, acs, b, ldb, c + (nint)i * ldc, ldc, bias, k, mask);
        }
        for (; i + 5 <= m; i += 5)
            BroadcastTile<Rows5, TColumns>(a + (nint)i * ars, ars, acs, b, ldb, c + (nint)i * ldc, ldc, bias, k, mask);
        float* at = a + (nint)i * ars;
        float* ct = c + (nint)i * ldc;
        switch (m - i)
        {
            case 4: BroadcastTile<Rows4, TColumns>(at, ars, acs, b, ldb, ct, ldc, bias, k, mask); break;
            case 3: BroadcastTile<Rows3, TColumns>(at, ars, acs, b, ldb, ct, ldc, bias, k, mask); break;
            case 2: BroadcastTile<Rows2, TColumns>(at, ars, acs, b, ldb, ct, ldc, bias, k, mask); break;
            case 1: BroadcastTile<Rows1, TColumns>(at, ars, acs, b, ldb, ct, ldc, bias, k, mask); break;
        }
    }

    // Up to 5 rows × up to 2 vectors of C: 10 accumulators, 2 vectors of B and 1 broadcast of A.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastTile<TRows, TColumns>(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int k, Vector256<float> mask)
        where TRows : struct, ITileRows
        where TColumns : struct, ITileColumns
    {
        bool two = TColumns.Vectors == 2;
        int rows = TRows.Count;
        float* a1 = a + ars, a2 = a1 + ars, a3 = a2 + ars, a4 = a3 + ars;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default;
        Vector256<float> c21 = default, c30 = default, c31 = default, c40 = default, c41 = default;
        nint offset = 0;
        for (int p = 0; p < k; p++)
        {
            Vector256<float> y0 = TColumns.Masked ? Avx.MaskLoad(b, mask) : Avx.LoadVector256(b);
            Vector256<float> y1 = two ? Avx.LoadVector256(b + 8) : default;
            Vector256<float> x = Vector256.Create(a[offset]);
            c00 = Fma.MultiplyAdd(x, y0, c00);
            if (two) c01 = Fma.MultiplyAdd(x, y1, c01);
            if (rows > 1)
            {
                x = Vector256.Create(a1[offset]);
                c10 = Fma.MultiplyAdd(x, y0, c10);
                if (two) c11 = Fma.MultiplyAdd(x, y1, c11);
            }
            if (rows > 2)
            {
                x = Vector256.Create(a2[offset]);
                c20 = Fma.MultiplyAdd(x, y0, c20);
                if (two) c21 = Fma.MultiplyAdd(x, y1, c21);
            }
            if (rows > 3)
            {
                x = Vector256.Create(a3[offset]);
                c30 = Fma.MultiplyAdd(x, y0, c30);
                if (two) c31 = Fma.MultiplyAdd(x, y1, c31);
            }
            if (rows > 4)
            {
                x = Vector256.Create(a4[offset]);
                c40 = Fma.MultiplyAdd(x, y0, c40);
                if (two) c41 = Fma.MultiplyAdd(x, y1, c41);
            }
            offset += acs;
            b += ldb;
        }
        if (bias != null)
        {
            Vector256<float> z0 = TColumns.Masked ? Avx.MaskLoad(bias, mask) : Avx.LoadVector256(bias);
            Vector256<float> z1 = two ? Avx.LoadVector256(bias + 8) : default;
            c00 = Avx.Add(c00, z0); c10 = Avx.Add(c10, z0); c20 = Avx.Add(c20, z0); c30 = Avx.Add(c30, z0); c40 = Avx.Add(c40, z0);
            if (two)
            {
                c01 = Avx.Add(c01, z1); c11 = Avx.Add(c11, z1); c21 = Avx.Add(c21, z1); c31 = Avx.Add(c31, z1); c41 = Avx.Add(c41, z1);
            }
        }
        StoreRow<TColumns>(c, c00, c01, mask);
        if (rows > 1) StoreRow<TColumns>(c + ldc, c10, c11, mask);
        if (rows > 2) StoreRow<TColumns>(c + 2 * ldc, c20, c21, mask);
        if (rows > 3) StoreRow<TColumns>(c + 3 * ldc, c30, c31, mask);
        if (rows > 4) StoreRow<TColumns>(c + 4 * ldc, c40, c41, mask);
    }

    // 10 rows × 1 vector of C (whole or masked): 10 accumulators for the last columns of a ragged n.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastTile10<TColumns>(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int k, Vector256<float> mask)
        where TColumns : struct, ITileColumns
    {
        float* a5 = a + 5 * ars;
        Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default, c4 = default;
        Vector256<float> c5 = default, c6 = default, c7 = default, c8 = default, c9 = default;
        nint offset = 0, stride = ars;
        // Counting k down (no separate index) keeps every pointer in a register.
        for (; k > 0; k--)
        {
            Vector256<float> y = TColumns.Masked ? Avx.MaskLoad(b, mask) : Avx.LoadVector256(b);
            float* r = a + offset;
            c0 = Fma.MultiplyAdd(Vector256.Create(r[0]), y, c0);
            c1 = Fma.MultiplyAdd(Vector256.Create(r[stride]), y, c1);
            c2 = Fma.MultiplyAdd(Vector256.Create(r[2 * stride]), y, c2);
            c3 = Fma.MultiplyAdd(Vector256.Create(r[3 * stride]), y, c3);
            c4 = Fma.MultiplyAdd(Vector256.Create(r[4 * stride]), y, c4);
            r = a5 + offset;
            c5 = Fma.MultiplyAdd(Vector256.Create(r[0]), y, c5);
            c6 = Fma.MultiplyAdd(Vector256.Create(r[stride]), y, c6);
            c7 = Fma.MultiplyAdd(Vector256.Create(r[2 * stride]), y, c7);
            c8 = Fma.MultiplyAdd(Vector256.Create(r[3 * stride]), y, c8);
            c9 = Fma.MultiplyAdd(Vector256.Create(r[4 * stride]), y, c9);
            offset += acs;
            b += ldb;
        }
        if (bias != null)
        {
            Vector256<float> z = TColumns.Masked ? Avx.MaskLoad(bias, mask) : Avx.LoadVector256(bias);
            c0 = Avx.Add(c0, z); c1 = Avx.Add(c1, z); c2 = Avx.Add(c2, z); c3 = Avx.Add(c3, z); c4 = Avx.Add(c4, z);
            c5 = Avx.Add(c5, z); c6 = Avx.Add(c6, z); c7 = Avx.Add(c7, z); c8 = Avx.Add(c8, z); c9 = Avx.Add(c9, z);
        }
        StoreRow<TColumns>(c, c0, default, mask);
        StoreRow<TColumns>(c + ldc, c1, default, mask);
        StoreRow<TColumns>(c + 2 * ldc, c2, default, mask);
        StoreRow<TColumns>(c + 3 * ldc, c3, default, mask);
        StoreRow<TColumns>(c + 4 * ldc, c4, default, mask);
        StoreRow<TColumns>(c + 5 * ldc, c5, default, mask);
        StoreRow<TColumns>(c + 6 * ldc, c6, default, mask);
        StoreRow<TColumns>(c + 7 * ldc, c7, default, mask);
        StoreRow<TColumns>(c + 8 * ldc, c8, default, mask);
        StoreRow<TColumns>(c + 9 * ldc, c9, default, mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TColumns>(float* c, Vector256<float> v0, Vector256<float> v1, Vector256<float> mask)
        where TColumns : struct, ITileColumns
    {
        if (TColumns.Masked)
        {
            Avx.MaskStore(c, mask, v0);
            return;
        }
        Avx.Store(c, v0);
        if (TColumns.Vectors == 2)
            Avx.Store(c + 8, v1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Transpose8x8(float* source, int lds, float* destination, int ldd)
    {
        Vector256<float> r0 = Avx.LoadVector256(source), r1 = Avx.LoadVector256(source + lds);
        Vector256<float> r2 = Avx.LoadVector256(source + 2 * lds), r3 = Avx.LoadVector256(source + 3 * lds);
        Vector256<float> r4 = Avx.LoadVector256(source + 4 * lds), r5 = Avx.LoadVector256(source + 5 * lds);
        Vector256<float> r6 = Avx.LoadVector256(source + 6 * lds), r7 = Avx.LoadVector256(source + 7 * lds);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(destination, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(destination + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(destination + 2 * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(destination + 3 * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(destination + 4 * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(destination + 5 * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(destination + 6 * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(destination + 7 * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>All bits set in lanes <c>0 … count−1</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Vector256<float> TailMask(int count) =>
        Vector256.LessThan(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float* Offset(float* bias, int j) => bias == null ? null : bias + j;
}
