using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Kernels;

/// <summary>
/// The scaled exponential linear layer (Klambauer et al., 2017): <c>y = λ·x</c> for positive x, else
/// <c>λ·α·(exp(x) − 1)</c>, with the fixed constants that make it self-normalising — those of the course, of
/// PyTorch's <c>nn.SELU</c> and of ONNX <c>Selu</c>'s defaults.
/// </summary>
public static class SeluKernel
{
    /// <summary>α, the negative branch's saturation scale.</summary>
    public const float Alpha = 1.6732632423543772f;

    /// <summary>λ, the scale of both branches.</summary>
    public const float Lambda = 1.0507009873554805f;

    /// <summary><c>outputs = λ · (inputs &gt; 0 ? inputs : α · (exp(inputs) − 1))</c>.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseDriver.Run(default(Selu), inputs, outputs);
    }

    /// <summary>
    /// <c>gradsWrtInputs = gradsWrtOutputs · (inputs &gt; 0 ? λ : outputs + λ·α)</c>: below 0 the derivative
    /// <c>λ·α·exp(x)</c> is the output plus <c>λ·α</c>, as for Elu in the course.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        ElementwiseDriver.Run(default(SeluGradient), inputs, outputs, gradsWrtOutputs, gradsWrtInputs);
    }

    // (x, y): y = λ · (x > 0 ? x : α · (exp(x) − 1)).
    private readonly struct Selu : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 24;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3)
        {
            // exp of the clamped value: the positive branch never needs it, and it must not overflow.
            var negative = new Vector<float>(Alpha) * (VectorMath.Exp(Vector.Min(x, Vector<float>.Zero)) - Vector<float>.One);
            y = new Vector<float>(Lambda) * Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, negative);
        }
    }

    // (x, y, g, d): d = g · (x > 0 ? λ : y + λ·α).
    private readonly struct SeluGradient : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second | Operand.Third;
        public static int Writes => Operand.Fourth;
        public static int Cost => 4;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> g, ref Vector<float> d) =>
            d = g * Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), new Vector<float>(Lambda), y + new Vector<float>(Lambda * Alpha));
    }
}
