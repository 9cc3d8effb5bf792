using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Kernels;

/// <summary>The softplus layer <c>y = log(1 + exp(x))</c>, a smooth ReLU whose derivative is the logistic sigmoid.</summary>
public static class SoftplusKernel
{
    /// <summary>
    /// <c>outputs = max(inputs, 0) + log1p(exp(−|inputs|))</c>: the same function, computed so that exp never
    /// overflows and very negative inputs keep their tiny positive outputs.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseDriver.Run(default(Softplus), inputs, outputs);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · sigmoid(inputs) = gradsWrtOutputs / (1 + exp(−inputs))</c>.</summary>
    public static void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        ElementwiseDriver.Run(default(SoftplusGradient), inputs, gradsWrtOutputs, gradsWrtInputs);
    }

    // (x, y): y = max(x, 0) + log1p(exp(−|x|)).
    private readonly struct Softplus : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 48;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3)
        {
            Vector<float> z = VectorMath.Exp(-Vector.Abs(x));                        // in [0, 1]: never overflows
            Vector<float> u = Vector<float>.One + z;
            // log1p(z) = log(u) · z / (u − 1) with u = 1 + z as rounded (Goldberg), and z itself where u rounds to 1.
            Vector<float> log1p = Vector.ConditionalSelect(
                Vector.Equals(u, Vector<float>.One), z, Vector.Log(u) * z / (u - Vector<float>.One));
            y = Vector.Max(x, Vector<float>.Zero) + log1p;
        }
    }

    // (x, g, d): d = g / (1 + exp(−x)); exp(−x) overflows to +∞ for x below about −88.7, and g / ∞ is exactly 0.
    private readonly struct SoftplusGradient : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 24;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> g, ref Vector<float> d, ref Vector<float> unused3) =>
            d = g / (Vector<float>.One + VectorMath.Exp(-x));
    }
}
