using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlp.Kernels.Elementwise;

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
        ElementwiseDriver.Run(new GradientStep((float)Coefficient), values, gradients);
    }

    /// <summary>Returns e.g. <c>L1Penalty(0.001)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(L1Penalty)}({Coefficient})");

    // (w, g): g := g + c · sign(w); c for positive, −c for negative, w · 0 keeps zeros at zero and lets a NaN weight show up as NaN.
    private readonly struct GradientStep(float coefficient) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Second;
        public static int Cost => 3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> w, ref Vector<float> g, ref Vector<float> unused2, ref Vector<float> unused3)
        {
            Vector<float> c = new(coefficient), zero = Vector<float>.Zero;
            g += Vector.ConditionalSelect(Vector.GreaterThan(w, zero), c, Vector.ConditionalSelect(Vector.LessThan(w, zero), -c, w * zero));
        }
    }
}
