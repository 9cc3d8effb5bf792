using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Mlp.Penalties;

/// <summary>The L2 (weight-decay) penalty <c>0.5 · c · Σ w²</c>, gradient <c>c · w</c> (the course's <c>L2Penalty</c>).</summary>
/// <param name="coefficient">Finite and greater than 0.</param>
public sealed class L2Penalty(double coefficient) : Penalty(coefficient)
{
    /// <inheritdoc />
    public override double Value(ReadOnlySpan<float> values)
    {
        ref float w0 = ref MemoryMarshal.GetReference(values);
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        int n = values.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            Vector.Widen(Vector.LoadUnsafe(ref w0, (nuint)i), out Vector<double> lo, out Vector<double> hi);
            acc0 += lo * lo;
            acc1 += hi * hi;
        }
        double sum = Vector.Sum(acc0 + acc1);
        for (; i < n; i++)
            sum += (double)values[i] * values[i];
        return 0.5 * Coefficient * sum;
    }

    /// <inheritdoc />
    public override void AddGradient(ReadOnlySpan<float> values, Span<float> gradients)
    {
        CheckLengths(values.Length, gradients.Length);
        float c = (float)Coefficient;
        ref float w0 = ref MemoryMarshal.GetReference(values);
        ref float g0 = ref MemoryMarshal.GetReference(gradients);
        var vc = new Vector<float>(c);
        int n = values.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
            (Vector.LoadUnsafe(ref g0, (nuint)i) + vc * Vector.LoadUnsafe(ref w0, (nuint)i)).StoreUnsafe(ref g0, (nuint)i);
        for (; i < n; i++)
            gradients[i] += c * values[i];
    }

    /// <summary>Returns e.g. <c>L2Penalty(0.001)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(L2Penalty)}({Coefficient})");
}
