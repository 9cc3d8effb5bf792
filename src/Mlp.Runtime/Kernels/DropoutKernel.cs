using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

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
        ElementwiseDriver.Run(default(Product), inputs, mask, outputs);
    }

    /// <summary><c>outputs = inputs · inclusionProbability</c>, the deterministic (evaluation) pass.</summary>
    public static void ForwardEvaluation(ReadOnlySpan<float> inputs, Span<float> outputs, float inclusionProbability)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        ElementwiseDriver.Run(new Scale(inclusionProbability), inputs, outputs);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · mask</c> after a training pass.</summary>
    public static void BackwardTraining(ReadOnlySpan<float> mask, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs)
    {
        ElementwiseGuard.SameLength(mask.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(mask.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        ElementwiseDriver.Run(default(Product), gradsWrtOutputs, mask, gradsWrtInputs);
    }

    /// <summary><c>gradsWrtInputs = gradsWrtOutputs · inclusionProbability</c> after an evaluation pass.</summary>
    public static void BackwardEvaluation(ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, float inclusionProbability) =>
        ForwardEvaluation(gradsWrtOutputs, gradsWrtInputs, inclusionProbability);

    // (x, y): y = x · factor.
    private readonly struct Scale(float factor) : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3) =>
            y = x * new Vector<float>(factor);
    }

    // (a, b, r): r = a · b.
    private readonly struct Product : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 2;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> a, ref Vector<float> b, ref Vector<float> r, ref Vector<float> unused3) =>
            r = a * b;
    }
}
