using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Kernels;

/// <summary>The logistic sigmoid layer <c>y = 1 / (1 + exp(−x))</c>.</summary>
public static class SigmoidKernel
{
    /// <summary><c>outputs = 1 / (1 + exp(−inputs))</c>; very negative inputs (below about −88.7) give exactly 0, never NaN.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseDriver.Run(default(Sigmoid), inputs, outputs);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · outputs · (1 − outputs)</c>.</summary>
    public static void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        ElementwiseDriver.Run(default(SigmoidGradient), outputs, gradsWrtOutputs, gradsWrtInputs);
    }

    // (x, y): y = 1 / (1 + exp(−x)); exp(−x) overflows to +∞ for x below about −88.7, and 1 / (1 + ∞) is exactly 0.
    private readonly struct Sigmoid : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 24;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3) =>
            y = Vector<float>.One / (Vector<float>.One + VectorMath.Exp(-x));
    }

    // (y, g, d): d = g · y · (1 − y).
    private readonly struct SigmoidGradient : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> y, ref Vector<float> g, ref Vector<float> d, ref Vector<float> unused3) =>
            d = g * y * (Vector<float>.One - y);
    }
}
