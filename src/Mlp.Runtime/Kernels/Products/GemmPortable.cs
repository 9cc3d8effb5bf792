using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mlp.Kernels.Products;

/// <summary>
/// The products of <see cref="GemmAvx2"/> over <see cref="Vector{T}"/>, for hardware without AVX2 and FMA
/// (e.g. Arm64): same contracts, simpler tiles, scalar tails. As there, each output element is computed
/// by the same operations whichever tile computes it, so every partition gives identical bits.
/// </summary>
internal static unsafe class GemmPortable
{
    /// <summary>
    /// <c>C[i·ldc + j] = Σ_p A[i·lda + p] · B[j·ldb + p] (+ bias[j])</c>: lanes over whole vectors of p,
    /// <see cref="Vector.Sum{T}(Vector{T})"/>, then the last <c>k mod Count</c> products in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot(float* a, int lda, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 2 <= n; j += 2)
                Dot4x2(a + (nint)i * lda, lda, b + (nint)j * ldb, ldb, c + (nint)i * ldc + j, ldc, k);
            for (; j < n; j++)
            {
                for (int r = 0; r < 4; r++)
                    c[(nint)(i + r) * ldc + j] = Dot1x1(a + (nint)(i + r) * lda, b + (nint)j * ldb, k);
            }
        }
        for (; i < m; i++)
        {
            for (int j = 0; j < n; j++)
                c[(nint)i * ldc + j] = Dot1x1(a + (nint)i * lda, b + (nint)j * ldb, k);
        }
        AddBias(c, ldc, bias, m, n);
    }

    /// <summary><c>C[i·ldc + j] = Σ_p A[i·ars + p·acs] · B[p·ldb + j] (+ bias[j])</c>: one FMA chain over p per element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Broadcast(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, float* bias, int m, int n, int k)
    {
        int w = Vector<float>.Count;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 2 * w <= n; j += 2 * w)
                Broadcast4x2(a + (nint)i * ars, ars, acs, b + j, ldb, c + (nint)i * ldc + j, ldc, k);
            for (int r = 0; r < 4; r++)
                BroadcastRow(a + (nint)(i + r) * ars, acs, b, ldb, c + (nint)(i + r) * ldc, n, k, j);
        }
        for (; i < m; i++)
            BroadcastRow(a + (nint)i * ars, acs, b, ldb, c + (nint)i * ldc, n, k, 0);
        AddBias(c, ldc, bias, m, n);
    }

    /// <summary><c>P[p·ldp + j] = B[j·ldb + p]</c> for <c>j &lt; n</c>, <c>p &lt; k</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(float* b, int ldb, float* p, int ldp, int n, int k)
    {
        for (int j = 0; j < n; j++)
        {
            for (int q = 0; q < k; q++)
                p[(nint)q * ldp + j] = b[(nint)j * ldb + q];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x2(float* a0, int lda, float* b0, int ldb, float* c, int ldc, int k)
    {
        int w = Vector<float>.Count;
        float* a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, b1 = b0 + ldb;
        Vector<float> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector<float> s20 = default, s21 = default, s30 = default, s31 = default;
        int p = 0;
        for (; p + w <= k; p += w)
        {
            Vector<float> y0 = Load(b0 + p), y1 = Load(b1 + p);
            Vector<float> x = Load(a0 + p);
            s00 = Vector.FusedMultiplyAdd(x, y0, s00);
            s01 = Vector.FusedMultiplyAdd(x, y1, s01);
            x = Load(a1 + p);
            s10 = Vector.FusedMultiplyAdd(x, y0, s10);
            s11 = Vector.FusedMultiplyAdd(x, y1, s11);
            x = Load(a2 + p);
            s20 = Vector.FusedMultiplyAdd(x, y0, s20);
            s21 = Vector.FusedMultiplyAdd(x, y1, s21);
            x = Load(a3 + p);
            s30 = Vector.FusedMultiplyAdd(x, y0, s30);
            s31 = Vector.FusedMultiplyAdd(x, y1, s31);
        }
        float t00 = Vector.Sum(s00), t01 = Vector.Sum(s01), t10 = Vector.Sum(s10), t11 = Vector.Sum(s11);
        float t20 = Vector.Sum(s20), t21 = Vector.Sum(s21), t30 = Vector.Sum(s30), t31 = Vector.Sum(s31);
        for (; p < k; p++)
        {
            float y0 = b0[p], y1 = b1[p];
            t00 = MathF.FusedMultiplyAdd(a0[p], y0, t00);
            t01 = MathF.FusedMultiplyAdd(a0[p], y1, t01);
            t10 = MathF.FusedMultiplyAdd(a1[p], y0, t10);
            t11 = MathF.FusedMultiplyAdd(a1[p], y1, t11);
            t20 = MathF.FusedMultiplyAdd(a2[p], y0, t20);
            t21 = MathF.FusedMultiplyAdd(a2[p], y1, t21);
            t30 = MathF.FusedMultiplyAdd(a3[p], y0, t30);
            t31 = MathF.FusedMultiplyAdd(a3[p], y1, t31);
        }
        c[0] = t00;
        c[1] = t01;
        c[ldc] = t10;
        c[ldc + 1] = t11;
        c[2 * ldc] = t20;
        c[2 * ldc + 1] = t21;
        c[3 * ldc] = t30;
        c[3 * ldc + 1] = t31;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot1x1(float* a, float* b, int k)
    {
        int w = Vector<float>.Count;
        Vector<float> s = default;
        int p = 0;
        for (; p + w <= k; p += w)
            s = Vector.FusedMultiplyAdd(Load(a + p), Load(b + p), s);
        float t = Vector.Sum(s);
        for (; p < k; p++)
            t = MathF.FusedMultiplyAdd(a[p], b[p], t);
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Broadcast4x2(float* a, int ars, int acs, float* b, int ldb, float* c, int ldc, int k)
    {
        int w = Vector<float>.Count;
        float* a1 = a + ars, a2 = a1 + ars, a3 = a2 + ars;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<float> c20 = default, c21 = default, c30 = default, c31 = default;
        nint offset = 0;
        for (int p = 0; p < k; p++)
        {
            Vector<float> y0 = Load(b), y1 = Load(b + w);
            var x = new Vector<float>(a[offset]);
            c00 = Vector.FusedMultiplyAdd(x, y0, c00);
            c01 = Vector.FusedMultiplyAdd(x, y1, c01);
            x = new Vector<float>(a1[offset]);
            c10 = Vector.FusedMultiplyAdd(x, y0, c10);
            c11 = Vector.FusedMultiplyAdd(x, y1, c11);
            x = new Vector<float>(a2[offset]);
            c20 = Vector.FusedMultiplyAdd(x, y0, c20);
            c21 = Vector.FusedMultiplyAdd(x, y1, c21);
            x = new Vector<float>(a3[offset]);
            c30 = Vector.FusedMultiplyAdd(x, y0, c30);
            c31 = Vector.FusedMultiplyAdd(x, y1, c31);
            offset += acs;
            b += ldb;
        }
        Store(c00, c); Store(c01, c + w);
        Store(c10, c + ldc); Store(c11, c + ldc + w);
        Store(c20, c + 2 * ldc); Store(c21, c + 2 * ldc + w);
        Store(c30, c + 3 * ldc); Store(c31, c + 3 * ldc + w);
    }

    // One row of C from column `from` on: whole vectors, then scalars, each an FMA chain over p.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BroadcastRow(float* a, int acs, float* b, int ldb, float* c, int n, int k, int from)
    {
        int w = Vector<float>.Count;
        int j = from;
        for (; j + w <= n; j += w)
        {
            Vector<float> s = default;
            for (int p = 0; p < k; p++)
                s = Vector.FusedMultiplyAdd(new Vector<float>(a[(nint)p * acs]), Load(b + (nint)p * ldb + j), s);
            Store(s, c + j);
        }
        for (; j < n; j++)
        {
            float s = 0f;
            for (int p = 0; p < k; p++)
                s = MathF.FusedMultiplyAdd(a[(nint)p * acs], b[(nint)p * ldb + j], s);
            c[j] = s;
        }
    }

    // The bias is added after the sum, as in the fused AVX2 tiles: C = Σ + bias.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddBias(float* c, int ldc, float* bias, int m, int n)
    {
        if (bias == null)
            return;
        for (int i = 0; i < m; i++)
        {
            float* row = c + (nint)i * ldc;
            for (int j = 0; j < n; j++)
                row[j] += bias[j];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(float* source) => Vector.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<float> value, float* destination) => value.Store(destination);
}
