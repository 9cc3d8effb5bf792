using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Kernels;

/// <summary>The hyperbolic tangent layer <c>y = tanh(x)</c>.</summary>
public static class TanhKernel
{
    /// <summary><c>outputs = tanh(inputs)</c>, computed as <c>1 − 2 / (exp(2x) + 1)</c>, which saturates cleanly at ±1.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseDriver.Run(default(Tanh), inputs, outputs);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · (1 − outputs²)</c>.</summary>
    public static void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        ElementwiseDriver.Run(default(TanhGradient), outputs, gradsWrtOutputs, gradsWrtInputs);
    }

    // (x, y): y = 1 − 2 / (exp(2x) + 1).
    private readonly struct Tanh : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 24;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3)
        {
            var two = new Vector<float>(2f);
            y = Vector<float>.One - two / (VectorMath.Exp(two * x) + Vector<float>.One);
        }
    }

    // (y, g, d): d = g · (1 − y²).
    private readonly struct TanhGradient : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> y, ref Vector<float> g, ref Vector<float> d, ref Vector<float> unused3) =>
            d = g * (Vector<float>.One - y * y);
    }
}
