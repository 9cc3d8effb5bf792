using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>The hyperbolic tangent layer <c>y = tanh(x)</c>.</summary>
public static class TanhKernel
{
    // Work per element in multiply-adds of a matrix product, for the decision to share (see SharedElementwise).
    private const int ForwardCost = 24;
    private const int BackwardCost = 4;

    /// <summary><c>outputs = tanh(inputs)</c>, computed as <c>1 − 2 / (exp(2x) + 1)</c>, which saturates cleanly at ±1.</summary>
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
        var tanh = default(Tanh);
        for (; i + w <= n; i += w)
            tanh.Invoke(Vector.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
        VectorMath.Tail(inputs, outputs, i, tanh);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · (1 − outputs²)</c>.</summary>
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
            (Vector.LoadUnsafe(ref g, (nuint)i) * (Vector<float>.One - yv * yv)).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < n; i++)
            gradsWrtInputs[i] = gradsWrtOutputs[i] * (1f - outputs[i] * outputs[i]);
    }

    private readonly struct Tanh : IVectorFunction
    {
        public Vector<float> Invoke(Vector<float> x)
        {
            var two = new Vector<float>(2f);
            return Vector<float>.One - two / (VectorMath.Exp(two * x) + Vector<float>.One);
        }
    }
}
