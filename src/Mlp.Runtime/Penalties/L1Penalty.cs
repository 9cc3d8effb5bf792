using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Penalties;

/// <summary>The L1 penalty <c>c · Σ |w|</c>, gradient <c>c · sign(w)</c> with <c>sign(0) = 0</c> (the course's <c>L1Penalty</c>).</summary>
/// <param name="coefficient">Finite and greater than 0.</param>
public sealed class L1Penalty(double coefficient) : Penalty(coefficient)
{
    /// <inheritdoc />
    public override double Value(ReadOnlySpan<float> values) => Coefficient * ElementwiseSum.Of(default(Magnitude), values);

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

    // (w): |w|.
    private readonly struct Magnitude : IElementwiseTerm
    {
        public static int Reads => Operand.First;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Term(Vector<double> w, Vector<double> unused) => Vector.Abs(w);
    }
}
