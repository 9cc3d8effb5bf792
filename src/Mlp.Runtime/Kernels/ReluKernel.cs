using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>The rectified linear layer <c>y = max(x, 0)</c>.</summary>
public static class ReluKernel
{
    // Work per element in multiply-adds of a matrix product, for the decision to share (see SharedElementwise).
    private const int Cost = 3;

    /// <summary><c>outputs = max(inputs, 0)</c>.</summary>
    public static unsafe void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        if (!SharedElementwise.TryRun(&ForwardPart, Cost, inputs, outputs))
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
        for (; i + w <= n; i += w)
            Vector.Max(Vector.LoadUnsafe(ref x, (nuint)i), Vector<float>.Zero).StoreUnsafe(ref y, (nuint)i);
        for (; i < n; i++)
            outputs[i] = MathF.Max(inputs[i], 0f);
    }

    /// <summary><c>gradsWrtInputs = (outputs &gt; 0) · gradsWrtOutputs</c>, as in the course.</summary>
    public static unsafe void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        if (!SharedElementwise.TryRun(&BackwardPart, Cost, outputs, gradsWrtOutputs, gradsWrtInputs))
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
            var positive = Vector.GreaterThan(Vector.LoadUnsafe(ref y, (nuint)i), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, Vector.LoadUnsafe(ref g, (nuint)i), Vector<float>.Zero).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < n; i++)
            gradsWrtInputs[i] = outputs[i] > 0f ? gradsWrtOutputs[i] : 0f;
    }
}
