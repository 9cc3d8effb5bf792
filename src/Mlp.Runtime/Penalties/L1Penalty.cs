using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Mlp.Penalties;

/// <summary>The L1 penalty <c>c · Σ |w|</c>, gradient <c>c · sign(w)</c> with <c>sign(0) = 0</c> (the course's <c>L1Penalty</c>).</summary>
/// <param name="coefficient">Finite and greater than 0.</param>
public sealed class L1Penalty(double coefficient) : Penalty(coefficient)
{
    /// <inheritdoc />
    public override double Value(ReadOnlySpan<float> values)
    {
        ref float w0 = ref MemoryMarshal.GetReference(values);
        var acc = Vector<double>.Zero;
        int n = values.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            Vector.Widen(Vector.Abs(Vector.LoadUnsafe(ref w0, (nuint)i)), out Vector<double> lo, out Vector<double> hi);
            acc += lo + hi;
        }
        double sum = Vector.Sum(acc);
        for (; i < n; i++)
            sum += Math.Abs(values[i]);
        return Coefficient * sum;
    }

    /// <inheritdoc />
    public override void AddGradient(ReadOnlySpan<float> values, Span<float> gradients)
    {
        CheckLengths(values.Length, gradients.Length);
        float c = (float)Coefficient;
        ref float w0 = ref MemoryMarshal.GetReference(values);
        ref float g0 = ref MemoryMarshal.GetReference(gradients);
        Vector<float> vc = new(c), zero = Vector<float>.Zero;
        int n = values.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            Vector<float> x = Vector.LoadUnsafe(ref w0, (nuint)i);
            // c for positive, −c for negative; x · 0 keeps zeros at zero and lets a NaN weight show up as NaN.
            Vector<float> step = Vector.ConditionalSelect(Vector.GreaterThan(x, zero), vc,
                Vector.ConditionalSelect(Vector.LessThan(x, zero), -vc, x * zero));
            (Vector.LoadUnsafe(ref g0, (nuint)i) + step).StoreUnsafe(ref g0, (nuint)i);
        }
        for (; i < n; i++)
        {
            float x = values[i];
            gradients[i] += x > 0 ? c : x < 0 ? -c : x * 0f;
        }
    }

    /// <summary>Returns e.g. <c>L1Penalty(0.001)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(L1Penalty)}({Coefficient})");
}
