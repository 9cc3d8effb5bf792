using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Kernels;

/// <summary>The exponential linear layer: <c>y = x</c> for positive x, else <c>alpha · (exp(x) − 1)</c>.</summary>
public static class EluKernel
{
    /// <summary><c>outputs = inputs &gt; 0 ? inputs : alpha · (exp(inputs) − 1)</c>.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, float alpha)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseDriver.Run(new Elu(alpha), inputs, outputs);
    }

    /// <summary><c>gradsWrtInputs = inputs &gt; 0 ? gradsWrtOutputs : gradsWrtOutputs · (outputs + alpha)</c>, as in the course.</summary>
    public static void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, float alpha)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        ElementwiseDriver.Run(new EluGradient(alpha), inputs, outputs, gradsWrtOutputs, gradsWrtInputs);
    }

    // (x, y): y = x > 0 ? x : alpha · (exp(x) − 1).
    private readonly struct Elu(float alpha) : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 24;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3)
        {
            // exp of the clamped value: the positive branch never needs it, and it must not overflow.
            var negative = new Vector<float>(alpha) * (VectorMath.Exp(Vector.Min(x, Vector<float>.Zero)) - Vector<float>.One);
            y = Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, negative);
        }
    }

    // (x, y, g, d): d = x > 0 ? g : g · (y + alpha).
    private readonly struct EluGradient(float alpha) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second | Operand.Third;
        public static int Writes => Operand.Fourth;
        public static int Cost => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> g, ref Vector<float> d) =>
            d = Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), g, g * (y + new Vector<float>(alpha)));
    }
}
