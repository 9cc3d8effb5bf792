using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlp.Kernels.Elementwise;

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
}
