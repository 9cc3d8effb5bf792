using System.Numerics;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>The course's dropout layer: a kept-unit mask while training, scaling by the inclusion probability otherwise.</summary>
public static class DropoutKernel
{
    /// <summary>Draws a mask of 1 (kept, with probability <paramref name="inclusionProbability"/>) and 0, and writes <c>outputs = inputs · mask</c>.</summary>
    public static void ForwardTraining(ReadOnlySpan<float> inputs, Span<float> mask, Span<float> outputs, float inclusionProbability, RandomGenerator random)
    {
        ElementwiseGuard.SameLength(inputs.Length, mask.Length, nameof(mask));
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < mask.Length; i++)
            mask[i] = random.NextSingle() < inclusionProbability ? 1f : 0f;
        Multiply(inputs, mask, outputs);
    }

    /// <summary><c>outputs = inputs · inclusionProbability</c>, the deterministic (evaluation) pass.</summary>
    public static void ForwardEvaluation(ReadOnlySpan<float> inputs, Span<float> outputs, float inclusionProbability)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ref float x = ref MemoryMarshal.GetReference(inputs);
        ref float y = ref MemoryMarshal.GetReference(outputs);
        var p = new Vector<float>(inclusionProbability);
        int n = inputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
            (Vector.LoadUnsafe(ref x, (nuint)i) * p).StoreUnsafe(ref y, (nuint)i);
        for (; i < n; i++)
            outputs[i] = inputs[i] * inclusionProbability;
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · mask</c> after a training pass.</summary>
    public static void BackwardTraining(ReadOnlySpan<float> mask, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(mask.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(mask.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        Multiply(gradsWrtOutputs, mask, gradsWrtInputs);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · inclusionProbability</c> after an evaluation pass.</summary>
    public static void BackwardEvaluation(ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, float inclusionProbability) =>
        ForwardEvaluation(gradsWrtOutputs, gradsWrtInputs, inclusionProbability);

    private static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> result)
    {
        ref float a0 = ref MemoryMarshal.GetReference(a);
        ref float b0 = ref MemoryMarshal.GetReference(b);
        ref float r0 = ref MemoryMarshal.GetReference(result);
        int n = a.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
            (Vector.LoadUnsafe(ref a0, (nuint)i) * Vector.LoadUnsafe(ref b0, (nuint)i)).StoreUnsafe(ref r0, (nuint)i);
        for (; i < n; i++)
            result[i] = a[i] * b[i];
    }
}
