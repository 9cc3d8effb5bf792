using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>The exponential linear layer: <c>y = x</c> for positive x, else <c>alpha · (exp(x) − 1)</c>.</summary>
public static class EluKernel
{
    // Work per element in multiply-adds of a matrix product, for the decision to share (see SharedElementwise).
    private const int ForwardCost = 24;
    private const int BackwardCost = 4;

    /// <summary><c>outputs = inputs &gt; 0 ? inputs : alpha · (exp(inputs) − 1)</c>.</summary>
    public static unsafe void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, float alpha)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        if (!SharedElementwise.TryRun(&ForwardPart, ForwardCost, inputs, outputs, scalar: alpha))
            ForwardCore(inputs, outputs, alpha);
    }

    private static unsafe void ForwardPart(float* p0, float* p1, float* p2, float* p3, int length, float scalar) =>
        ForwardCore(SharedElementwise.In(p0, length), SharedElementwise.Out(p1, length), scalar);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardCore(ReadOnlySpan<float> inputs, Span<float> outputs, float alpha)
    {
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        int n = inputs.Length, w = Vector<float>.Count, i = 0;
        var elu = new Elu(alpha);
        for (; i + w <= n; i += w)
            elu.Invoke(Vector.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
        VectorMath.Tail(inputs, outputs, i, elu);
    }

    /// <summary><c>gradsWrtInputs = inputs &gt; 0 ? gradsWrtOutputs : gradsWrtOutputs · (outputs + alpha)</c>, as in the course.</summary>
    public static unsafe void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, float alpha)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        if (!SharedElementwise.TryRun(&BackwardPart, BackwardCost, inputs, outputs, gradsWrtOutputs, gradsWrtInputs, scalar: alpha))
            BackwardCore(inputs, outputs, gradsWrtOutputs, gradsWrtInputs, alpha);
    }

    private static unsafe void BackwardPart(float* p0, float* p1, float* p2, float* p3, int length, float scalar) =>
        BackwardCore(SharedElementwise.In(p0, length), SharedElementwise.In(p1, length), SharedElementwise.In(p2, length), SharedElementwise.Out(p3, length), scalar);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardCore(ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, float alpha)
    {
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float g = ref MemoryMarshal.GetReference(gradsWrtOutputs);
        ref float d = ref MemoryMarshal.GetReference(gradsWrtInputs);
        var a = new Vector<float>(alpha);
        int n = inputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            var gv = Vector.LoadUnsafe(ref g, (nuint)i);
            var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref x, (nuint)i), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, gv, gv * (Vector.LoadUnsafe(ref y, (nuint)i) + a)).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < n; i++)
            gradsWrtInputs[i] = inputs[i] > 0f ? gradsWrtOutputs[i] : gradsWrtOutputs[i] * (outputs[i] + alpha);
    }

    private readonly struct Elu(float alpha) : IVectorFunction
    {
        public Vector<float> Invoke(Vector<float> x)
        {
            // exp of the clamped value: the positive branch never needs it, and it must not overflow.
            var negative = new Vector<float>(alpha) * (VectorMath.Exp(Vector.Min(x, Vector<float>.Zero)) - Vector<float>.One);
            return Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), x, negative);
        }
    }
}
