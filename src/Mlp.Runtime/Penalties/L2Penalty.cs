using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Penalties;

/// <summary>The L2 (weight-decay) penalty <c>0.5 · c · Σ w²</c>, gradient <c>c · w</c> (the course's <c>L2Penalty</c>).</summary>
/// <param name="coefficient">Finite and greater than 0.</param>
public sealed class L2Penalty(double coefficient) : Penalty(coefficient)
{
    /// <inheritdoc />
    public override double Value(ReadOnlySpan<float> values) => 0.5 * Coefficient * ElementwiseSum.Of(default(Square), values);

    /// <inheritdoc />
    public override void AddGradient(ReadOnlySpan<float> values, Span<float> gradients)
    {
        CheckLengths(values.Length, gradients.Length);
        ElementwiseDriver.Run(new GradientStep((float)Coefficient), values, gradients);
    }

    /// <summary>Returns e.g. <c>L2Penalty(0.001)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(L2Penalty)}({Coefficient})");

    // (w, g): g := g + c · w.
    private readonly struct GradientStep(float coefficient) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Second;
        public static int Cost => 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> w, ref Vector<float> g, ref Vector<float> unused2, ref Vector<float> unused3) =>
            g += new Vector<float>(coefficient) * w;
    }

    // (w): w².
    private readonly struct Square : IElementwiseTerm
    {
        public static int Reads => Operand.First;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Term(Vector<double> w, Vector<double> unused) => w * w;
    }
}
