using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    // Work per element in multiply-adds of a matrix product, for the decision to share (see SharedElementwise).
    private const int ForwardCost = 24;
    private const int BackwardCost = 4;

    /// <summary><c>outputs = λ · (inputs &gt; 0 ? inputs : α · (exp(inputs) − 1))</c>.</summary>
    public static unsafe void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        if (!SharedElementwise.TryRun(&ForwardPart, ForwardCost, inputs, outputs))
            ForwardCore(inputs, outputs);
    }

    private static unsafe void ForwardPart(float* p0, float* p1, float* p2, float* p3, int length, float scalar) =>
        ForwardCore(SharedElementwise.In(p0, length), SharedElementwise.Out(p1, length));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardCore(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        int n = inputs.Length, w = Vector<float>.Count, i = 0;
        var selu = default(Selu);
        for (; i + w <= n; i += w)
            selu.Invoke(Vector.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
        VectorMath.Tail(inputs, outputs, i, selu);
    }

    /// <summary>
    /// <c>gradsWrtInputs = gradsWrtOutputs · (inputs &gt; 0 ? λ : outputs + λ·α)</c>: below 0 the derivative
    /// <c>λ·α·exp(x)</c> is the output plus <c>λ·α</c>, as for Elu in the course.
    /// </summary>
    public static unsafe void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        if (!SharedElementwise.TryRun(&BackwardPart, BackwardCost, inputs, outputs, gradsWrtOutputs, gradsWrtInputs))
            BackwardCore(inputs, outputs, gradsWrtOutputs, gradsWrtInputs);
    }

    private static unsafe void BackwardPart(float* p0, float* p1, float* p2, float* p3, int length, float scalar) =>
        BackwardCore(SharedElementwise.In(p0, length), SharedElementwise.In(p1, length), SharedElementwise.In(p2, length), SharedElementwise.Out(p3, length));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardCore(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        const float LambdaAlpha = Lambda * Alpha;
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float g = ref MemoryMarshal.GetReference(gradsWrtOutputs);
        ref float d = ref MemoryMarshal.GetReference(gradsWrtInputs);
        int n = inputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref x, (nuint)i), Vector<float>.Zero);
            var slope = Vector.ConditionalSelect(positive, new Vector<float>(Lambda), Vector.LoadUnsafe(ref y, (nuint)i) + new Vector<float>(LambdaAlpha));
            (Vector.LoadUnsafe(ref g, (nuint)i) * slope).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < n; i++)
            gradsWrtInputs[i] = gradsWrtOutputs[i] * (inputs[i] > 0f ? Lambda : outputs[i] + LambdaAlpha);
    }

    private readonly struct Selu : IVectorFunction
    {
        public Vector<float> Invoke(Vector<float> x)
        {
            // exp of the clamped value: the positive branch never needs it, and it must not overflow.
            var negative = new Vector<float>(Alpha) * (VectorMath.Exp(Vector.Min(x, Vector<float>.Zero)) - Vector<float>.One);
            return new Vector<float>(Lambda) * Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, negative);
        }
    }
}
