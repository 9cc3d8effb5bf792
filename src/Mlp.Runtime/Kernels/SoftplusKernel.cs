using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>The softplus layer <c>y = log(1 + exp(x))</c>, a smooth ReLU whose derivative is the logistic sigmoid.</summary>
public static class SoftplusKernel
{
    // Work per element in multiply-adds of a matrix product, for the decision to share (see SharedElementwise).
    private const int ForwardCost = 48;
    private const int BackwardCost = 24;

    /// <summary>
    /// <c>outputs = max(inputs, 0) + log1p(exp(−|inputs|))</c>: the same function, computed so that exp never
    /// overflows and very negative inputs keep their tiny positive outputs.
    /// </summary>
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
        var softplus = default(Softplus);
        for (; i + w <= n; i += w)
            softplus.Invoke(Vector.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
        VectorMath.Tail(inputs, outputs, i, softplus);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · sigmoid(inputs) = gradsWrtOutputs / (1 + exp(−inputs))</c>.</summary>
    public static unsafe void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(inputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        if (!SharedElementwise.TryRun(&BackwardPart, BackwardCost, inputs, gradsWrtOutputs, gradsWrtInputs))
            BackwardCore(inputs, gradsWrtOutputs, gradsWrtInputs);
    }

    private static unsafe void BackwardPart(float* p0, float* p1, float* p2, float* p3, int length, float scalar) =>
        BackwardCore(SharedElementwise.In(p0, length), SharedElementwise.In(p1, length), SharedElementwise.Out(p2, length));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardCore(ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float g = ref MemoryMarshal.GetReference(gradsWrtOutputs);
        ref float d = ref MemoryMarshal.GetReference(gradsWrtInputs);
        int n = inputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            // exp(−x) overflows to +∞ for x below about −88.7, and g / ∞ is exactly 0.
            var sigmoid = Vector<float>.One + VectorMath.Exp(-Vector.LoadUnsafe(ref x, (nuint)i));
            (Vector.LoadUnsafe(ref g, (nuint)i) / sigmoid).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < n; i++)
            gradsWrtInputs[i] = gradsWrtOutputs[i] / (1f + MathF.Exp(-inputs[i]));
    }

    private readonly struct Softplus : IVectorFunction
    {
        public Vector<float> Invoke(Vector<float> x)
        {
            Vector<float> z = VectorMath.Exp(-Vector.Abs(x));                        // in [0, 1]: never overflows
            Vector<float> u = Vector<float>.One + z;
            // log1p(z) = log(u) · z / (u − 1) with u = 1 + z as rounded (Goldberg), and z itself where u rounds to 1.
            Vector<float> log1p = Vector.ConditionalSelect(
                Vector.Equals(u, Vector<float>.One), z, Vector.Log(u) * z / (u - Vector<float>.One));
            return Vector.Max(x, Vector<float>.Zero) + log1p;
        }
    }
}
