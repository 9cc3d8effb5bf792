using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>The leaky rectified linear layer: <c>y = x</c> for positive x, else <c>alpha · x</c>.</summary>
public static class LeakyReluKernel
{
    // Work per element in multiply-adds of a matrix product, for the decision to share (see SharedElementwise).
    private const int Cost = 3;

    /// <summary><c>outputs = inputs &gt; 0 ? inputs : alpha · inputs</c>.</summary>
    public static unsafe void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, float alpha)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        if (!SharedElementwise.TryRun(&ForwardPart, Cost, inputs, outputs, scalar: alpha))
            ForwardCore(inputs, outputs, alpha);
    }

    private static unsafe void ForwardPart(float* p0, float* p1, float* p2, float* p3, int length, float scalar) =>
        ForwardCore(SharedElementwise.In(p0, length), SharedElementwise.Out(p1, length), scalar);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardCore(ReadOnlySpan<float> inputs, Span<float> outputs, float alpha)
    {
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        var a = new Vector<float>(alpha);
        int n = inputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            var v = Vector.LoadUnsafe(ref x, (nuint)i);
            Vector.ConditionalSelect(Vector.GreaterThan(v, Vector<float>.Zero), v, v * a).StoreUnsafe(ref y, (nuint)i);
        }
        for (; i < n; i++)
            outputs[i] = inputs[i] > 0f ? inputs[i] : alpha * inputs[i];
    }

    /// <summary><c>gradsWrtInputs = inputs &gt; 0 ? gradsWrtOutputs : alpha · gradsWrtOutputs</c>.</summary>
    public static unsafe void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, float alpha)
    {
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        if (!SharedElementwise.TryRun(&BackwardPart, Cost, inputs, gradsWrtOutputs, gradsWrtInputs, scalar: alpha))
            BackwardCore(inputs, gradsWrtOutputs, gradsWrtInputs, alpha);
    }

    private static unsafe void BackwardPart(float* p0, float* p1, float* p2, float* p3, int length, float scalar) =>
        BackwardCore(SharedElementwise.In(p0, length), SharedElementwise.In(p1, length), SharedElementwise.Out(p2, length), scalar);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardCore(ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, float alpha)
    {
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float g = ref MemoryMarshal.GetReference(gradsWrtOutputs);
        ref float d = ref MemoryMarshal.GetReference(gradsWrtInputs);
        var a = new Vector<float>(alpha);
        int n = inputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            var gv = Vector.LoadUnsafe(ref g, (nuint)i);
            var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref x, (nuint)i), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, gv, gv * a).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < n; i++)
            gradsWrtInputs[i] = inputs[i] > 0f ? gradsWrtOutputs[i] : alpha * gradsWrtOutputs[i];
    }
}
