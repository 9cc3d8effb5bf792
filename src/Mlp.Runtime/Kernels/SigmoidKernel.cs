using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>The logistic sigmoid layer <c>y = 1 / (1 + exp(−x))</c>.</summary>
public static class SigmoidKernel
{
    // Work per element in multiply-adds of a matrix product, for the decision to share (see SharedElementwise).
    private const int ForwardCost = 24;
    private const int BackwardCost = 4;

    /// <summary><c>outputs = 1 / (1 + exp(−inputs))</c>; very negative inputs (below about −88.7) give exactly 0, never NaN.</summary>
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
        var sigmoid = default(Sigmoid);
        for (; i + w <= n; i += w)
            sigmoid.Invoke(Vector.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
        VectorMath.Tail(inputs, outputs, i, sigmoid);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · outputs · (1 − outputs)</c>.</summary>
    public static unsafe void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        if (!SharedElementwise.TryRun(&BackwardPart, BackwardCost, outputs, gradsWrtOutputs, gradsWrtInputs))
            BackwardCore(outputs, gradsWrtOutputs, gradsWrtInputs);
    }

    private static unsafe void BackwardPart(float* p0, float* p1, float* p2, float* p3, int length, float scalar) =>
        BackwardCore(SharedElementwise.In(p0, length), SharedElementwise.In(p1, length), SharedElementwise.Out(p2, length));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardCore(ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float g = ref MemoryMarshal.GetReference(gradsWrtOutputs);
        ref float d = ref MemoryMarshal.GetReference(gradsWrtInputs);
        int n = outputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            var yv = Vector.LoadUnsafe(ref y, (nuint)i);
            (Vector.LoadUnsafe(ref g, (nuint)i) * yv * (Vector<float>.One - yv)).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < n; i++)
            gradsWrtInputs[i] = gradsWrtOutputs[i] * outputs[i] * (1f - outputs[i]);
    }

    private readonly struct Sigmoid : IVectorFunction
    {
        // exp(−x) overflows to +∞ for x below about −88.7, and 1 / (1 + ∞) is exactly 0.
        public Vector<float> Invoke(Vector<float> x) => Vector<float>.One / (Vector<float>.One + VectorMath.Exp(-x));
    }
}
