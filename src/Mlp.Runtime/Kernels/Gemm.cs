using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>
/// Single-precision matrix products on row-major spans, the building blocks of the Affine layer.
/// Every sum runs in a fixed order, so results do not depend on timing or threads.
/// </summary>
public static class Gemm
{
    /// <summary>
    /// <c>C(m, n) = A(m, k) · B(n, k)ᵀ</c>: both operands are read along k, as in an affine layer's
    /// forward pass with weights stored <c>(output, input)</c>.
    /// </summary>
    public static void MultiplyTransposed(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k)
    {
        CheckSizes(m, n, k);
        CheckLength(a, (long)m * k, nameof(a));
        CheckLength(b, (long)n * k, nameof(b));
        CheckLength(c, (long)m * n, nameof(c));
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float c0 = ref MemoryMarshal.GetReference(c);
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 2 <= n; j += 2)
                DotTile4x2(ref Unsafe.Add(ref a0, i * k), ref Unsafe.Add(ref b0, j * k), ref Unsafe.Add(ref c0, i * n + j), n, k);
            for (; j < n; j++)
                for (int r = 0; r < 4; r++)
                    Unsafe.Add(ref c0, (i + r) * n + j) = Dot(ref Unsafe.Add(ref a0, (i + r) * k), ref Unsafe.Add(ref b0, j * k), k);
        }
        for (; i < m; i++)
            for (int j = 0; j < n; j++)
                Unsafe.Add(ref c0, i * n + j) = Dot(ref Unsafe.Add(ref a0, i * k), ref Unsafe.Add(ref b0, j * k), k);
    }

    /// <summary>
    /// <c>C(m, n) = A(m, k) · B(k, n)</c> where element <c>A[i, p]</c> is read at <c>i · aRowStride + p · aColStride</c>,
    /// so a transposed left operand needs no copy: the affine layer's input gradient is
    /// <c>dY · W</c> (strides <c>(k, 1)</c>) and its weight gradient <c>dYᵀ · X</c> (strides <c>(1, m)</c>).
    /// </summary>
    public static void Multiply(ReadOnlySpan<float> a, int aRowStride, int aColStride, ReadOnlySpan<float> b, Span<float> c, int m, int n, int k)
    {
        CheckSizes(m, n, k);
        CheckLength(a, (long)(m - 1) * aRowStride + (long)(k - 1) * aColStride + 1, nameof(a));
        CheckLength(b, (long)k * n, nameof(b));
        CheckLength(c, (long)m * n, nameof(c));
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float c0 = ref MemoryMarshal.GetReference(c);
        int w = Vector<float>.Count;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 2 * w <= n; j += 2 * w)
                BroadcastTile4x2(ref Unsafe.Add(ref a0, i * aRowStride), aRowStride, aColStride, ref Unsafe.Add(ref b0, j), ref Unsafe.Add(ref c0, i * n + j), n, k);
            for (int r = 0; r < 4; r++)
                BroadcastRowTail(ref Unsafe.Add(ref a0, (i + r) * aRowStride), aColStride, ref b0, ref Unsafe.Add(ref c0, (i + r) * n), n, k, j);
        }
        for (; i < m; i++)
            BroadcastRowTail(ref Unsafe.Add(ref a0, i * aRowStride), aColStride, ref b0, ref Unsafe.Add(ref c0, i * n), n, k, 0);
    }

    private static void DotTile4x2(ref float a, ref float b, ref float c, int ldc, int k)
    {
        int w = Vector<float>.Count;
        ref float a1 = ref Unsafe.Add(ref a, k);
        ref float a2 = ref Unsafe.Add(ref a, 2 * k);
        ref float a3 = ref Unsafe.Add(ref a, 3 * k);
        ref float b1 = ref Unsafe.Add(ref b, k);
        Vector<float> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector<float> s20 = default, s21 = default, s30 = default, s31 = default;
        int p = 0;
        for (; p + w <= k; p += w)
        {
            var vb0 = Load(ref b, p);
            var vb1 = Load(ref b1, p);
            var va = Load(ref a, p);
            s00 = Vector.FusedMultiplyAdd(va, vb0, s00);
            s01 = Vector.FusedMultiplyAdd(va, vb1, s01);
            va = Load(ref a1, p);
            s10 = Vector.FusedMultiplyAdd(va, vb0, s10);
            s11 = Vector.FusedMultiplyAdd(va, vb1, s11);
            va = Load(ref a2, p);
            s20 = Vector.FusedMultiplyAdd(va, vb0, s20);
            s21 = Vector.FusedMultiplyAdd(va, vb1, s21);
            va = Load(ref a3, p);
            s30 = Vector.FusedMultiplyAdd(va, vb0, s30);
            s31 = Vector.FusedMultiplyAdd(va, vb1, s31);
        }
        float t00 = Vector.Sum(s00), t01 = Vector.Sum(s01), t10 = Vector.Sum(s10), t11 = Vector.Sum(s11);
        float t20 = Vector.Sum(s20), t21 = Vector.Sum(s21), t30 = Vector.Sum(s30), t31 = Vector.Sum(s31);
        for (; p < k; p++)
        {
            float vb0 = Unsafe.Add(ref b, p), vb1 = Unsafe.Add(ref b1, p);
            float x0 = Unsafe.Add(ref a, p), x1 = Unsafe.Add(ref a1, p), x2 = Unsafe.Add(ref a2, p), x3 = Unsafe.Add(ref a3, p);
            t00 = MathF.FusedMultiplyAdd(x0, vb0, t00); t01 = MathF.FusedMultiplyAdd(x0, vb1, t01);
            t10 = MathF.FusedMultiplyAdd(x1, vb0, t10); t11 = MathF.FusedMultiplyAdd(x1, vb1, t11);
            t20 = MathF.FusedMultiplyAdd(x2, vb0, t20); t21 = MathF.FusedMultiplyAdd(x2, vb1, t21);
            t30 = MathF.FusedMultiplyAdd(x3, vb0, t30); t31 = MathF.FusedMultiplyAdd(x3, vb1, t31);
        }
        c = t00; Unsafe.Add(ref c, 1) = t01;
        Unsafe.Add(ref c, ldc) = t10; Unsafe.Add(ref c, ldc + 1) = t11;
        Unsafe.Add(ref c, 2 * ldc) = t20; Unsafe.Add(ref c, 2 * ldc + 1) = t21;
        Unsafe.Add(ref c, 3 * ldc) = t30; Unsafe.Add(ref c, 3 * ldc + 1) = t31;
    }

    private static float Dot(ref float a, ref float b, int k)
    {
        int w = Vector<float>.Count;
        Vector<float> s = default;
        int p = 0;
        for (; p + w <= k; p += w)
            s = Vector.FusedMultiplyAdd(Load(ref a, p), Load(ref b, p), s);
        float t = Vector.Sum(s);
        for (; p < k; p++)
            t = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, p), Unsafe.Add(ref b, p), t);
        return t;
    }

    private static void BroadcastTile4x2(ref float a, int aRowStride, int aColStride, ref float b, ref float c, int n, int k)
    {
        int w = Vector<float>.Count;
        Vector<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector<float> c20 = default, c21 = default, c30 = default, c31 = default;
        for (int p = 0; p < k; p++)
        {
            ref float ap = ref Unsafe.Add(ref a, p * aColStride);
            ref float bp = ref Unsafe.Add(ref b, p * n);
            var vb0 = Load(ref bp, 0);
            var vb1 = Load(ref bp, w);
            var va = new Vector<float>(ap);
            c00 = Vector.FusedMultiplyAdd(va, vb0, c00);
            c01 = Vector.FusedMultiplyAdd(va, vb1, c01);
            va = new Vector<float>(Unsafe.Add(ref ap, aRowStride));
            c10 = Vector.FusedMultiplyAdd(va, vb0, c10);
            c11 = Vector.FusedMultiplyAdd(va, vb1, c11);
            va = new Vector<float>(Unsafe.Add(ref ap, 2 * aRowStride));
            c20 = Vector.FusedMultiplyAdd(va, vb0, c20);
            c21 = Vector.FusedMultiplyAdd(va, vb1, c21);
            va = new Vector<float>(Unsafe.Add(ref ap, 3 * aRowStride));
            c30 = Vector.FusedMultiplyAdd(va, vb0, c30);
            c31 = Vector.FusedMultiplyAdd(va, vb1, c31);
        }
        Store(c00, ref c, 0); Store(c01, ref c, w);
        Store(c10, ref c, n); Store(c11, ref c, n + w);
        Store(c20, ref c, 2 * n); Store(c21, ref c, 2 * n + w);
        Store(c30, ref c, 3 * n); Store(c31, ref c, 3 * n + w);
    }

    // One row of C from column `from` on: whole vectors, then scalars.
    private static void BroadcastRowTail(ref float a, int aColStride, ref float b, ref float c, int n, int k, int from)
    {
        int w = Vector<float>.Count;
        int j = from;
        for (; j + w <= n; j += w)
        {
            Vector<float> s = default;
            for (int p = 0; p < k; p++)
                s = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref a, p * aColStride)), Load(ref b, p * n + j), s);
            Store(s, ref c, j);
        }
        for (; j < n; j++)
        {
            float s = 0f;
            for (int p = 0; p < k; p++)
                s = MathF.FusedMultiplyAdd(Unsafe.Add(ref a, p * aColStride), Unsafe.Add(ref b, p * n + j), s);
            Unsafe.Add(ref c, j) = s;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float source, int offset) =>
        Vector.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<float> value, ref float destination, int offset) =>
        value.StoreUnsafe(ref destination, (nuint)offset);

    private static void CheckSizes(int m, int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(m);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(n);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
    }

    private static void CheckLength(ReadOnlySpan<float> span, long needed, string name)
    {
        if (span.Length < needed)
            throw new ArgumentException($"Needs at least {needed} values but got {span.Length}.", name);
    }
}
