using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Kernels;

/// <summary>The rectified linear layer <c>y = max(x, 0)</c>.</summary>
public static class ReluKernel
{
    /// <summary><c>outputs = max(inputs, 0)</c>.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseDriver.Run(default(Relu), inputs, outputs);
    }

    /// <summary><c>gradsWrtInputs = (outputs &gt; 0) · gradsWrtOutputs</c>, as in the course.</summary>
    public static void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        ElementwiseDriver.Run(default(ReluGradient), outputs, gradsWrtOutputs, gradsWrtInputs);
    }

    // (x, y): y = max(x, 0).
    private readonly struct Relu : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3) =>
            y = Vector.Max(x, Vector<float>.Zero);
    }

    // (y, g, d): d = y > 0 ? g : 0.
    private readonly struct ReluGradient : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 3;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> y, ref Vector<float> g, ref Vector<float> d, ref Vector<float> unused3) =>
            d = Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), g, Vector<float>.Zero);
    }
}
