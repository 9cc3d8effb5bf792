using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mlp.Kernels.Elementwise;

/// <summary>
/// Sums an <see cref="IElementwiseTerm"/> over one or two runs of floats of one length, in double: whole vectors into
/// two accumulators (the low and high halves of each widened vector), then the last
/// <c>length mod Vector&lt;float&gt;.Count</c> elements as the lanes of one more vector with the others' terms left
/// out, and finally the accumulators' lanes. Sums are small next to a step's products, so they run on the calling thread.
/// </summary>
internal static unsafe class ElementwiseSum
{
    /// <summary>The sum of the terms of <paramref name="a"/> (and <paramref name="b"/>, of the same length).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Of<TTerm>(TTerm term, ReadOnlySpan<float> a, ReadOnlySpan<float> b = default)
        where TTerm : unmanaged, IElementwiseTerm
    {
        System.Diagnostics.Debug.Assert((TTerm.Reads & Operand.Second) == 0 || b.Length == a.Length);
        int n = a.Length, w = Vector<float>.Count;
        fixed (float* pa = a, pb = b)
        {
            if (n < w)
                return Short(term, pa, pb, n);
            Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
            int i = 0;
            for (; i + w <= n; i += w)
                Add(term, Load<TTerm>(pa, i, Operand.First), Load<TTerm>(pb, i, Operand.Second), ref low, ref high);
            if (i < n)
            {
                // The run's last whole vector, of which only the lanes past i are new.
                int last = n - w;
                Vector<int> fresh = Vector.GreaterThanOrEqual(Vector<int>.Indices, new Vector<int>(i - last));
                Add(term, Load<TTerm>(pa, last, Operand.First), Load<TTerm>(pb, last, Operand.Second), fresh, ref low, ref high);
            }
            return Vector.Sum(low + high);
        }
    }

    // A run shorter than one vector, as one zero-padded vector whose padding's terms are left out.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Short<TTerm>(TTerm term, float* a, float* b, int count)
        where TTerm : unmanaged, IElementwiseTerm
    {
        Vector<float> va = default, vb = default;
        Unsafe.CopyBlockUnaligned(&va, a, (uint)(count * sizeof(float)));
        if ((TTerm.Reads & Operand.Second) != 0)
            Unsafe.CopyBlockUnaligned(&vb, b, (uint)(count * sizeof(float)));
        Vector<double> low = Vector<double>.Zero, high = Vector<double>.Zero;
        Add(term, va, vb, Vector.LessThan(Vector<int>.Indices, new Vector<int>(count)), ref low, ref high);
        return Vector.Sum(low + high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<TTerm>(TTerm term, Vector<float> a, Vector<float> b, ref Vector<double> low, ref Vector<double> high)
        where TTerm : unmanaged, IElementwiseTerm
    {
        Vector.Widen(a, out Vector<double> alo, out Vector<double> ahi);
        Vector.Widen(b, out Vector<double> blo, out Vector<double> bhi);
        low += term.Term(alo, blo);
        high += term.Term(ahi, bhi);
    }

    // Adds the terms of the lanes set in `lanes` only.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<TTerm>(TTerm term, Vector<float> a, Vector<float> b, Vector<int> lanes, ref Vector<double> low, ref Vector<double> high)
        where TTerm : unmanaged, IElementwiseTerm
    {
        Vector.Widen(a, out Vector<double> alo, out Vector<double> ahi);
        Vector.Widen(b, out Vector<double> blo, out Vector<double> bhi);
        Vector.Widen(lanes, out Vector<long> mlo, out Vector<long> mhi);
        low += Vector.ConditionalSelect(Vector.AsVectorDouble(mlo), term.Term(alo, blo), Vector<double>.Zero);
        high += Vector.ConditionalSelect(Vector.AsVectorDouble(mhi), term.Term(ahi, bhi), Vector<double>.Zero);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load<TTerm>(float* p, int i, int operand)
        where TTerm : IElementwiseTerm =>
        (TTerm.Reads & operand) != 0 ? Vector.Load(p + i) : default;
}
