using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Kernels;

/// <summary>The leaky rectified linear layer: <c>y = x</c> for positive x, else <c>alpha · x</c>.</summary>
public static class LeakyReluKernel
{
    /// <summary><c>outputs = inputs &gt; 0 ? inputs : alpha · inputs</c>.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, float alpha)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseDriver.Run(new LeakyRelu(alpha), inputs, outputs);
    }

    /// <summary><c>gradsWrtInputs = inputs &gt; 0 ? gradsWrtOutputs : alpha · gradsWrtOutputs</c>.</summary>
    public static void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, float alpha)
    {
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        ElementwiseDriver.Run(new LeakyReluGradient(alpha), inputs, gradsWrtOutputs, gradsWrtInputs);
    }

    // (x, y): y = x > 0 ? x : alpha · x.
    private readonly struct LeakyRelu(float alpha) : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3) =>
            y = Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, x * new Vector<float>(alpha));
    }

    // (x, g, d): d = x > 0 ? g : alpha · g.
    private readonly struct LeakyReluGradient(float alpha) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> g, ref Vector<float> d, ref Vector<float> unused3) =>
            d = Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g, g * new Vector<float>(alpha));
    }
}
