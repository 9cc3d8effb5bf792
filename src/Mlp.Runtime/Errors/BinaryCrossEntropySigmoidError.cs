using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Errors;

/// <summary>
/// Binary cross-entropy with the logistic sigmoid applied inside: for logits <c>y</c> and <c>p = σ(y)</c>,
/// <c>E = −mean over the batch of Σ_dims [t·log p + (1 − t)·log(1 − p)]</c>, gradient <c>(σ(y) − t) / batchSize</c>
/// (the course's <c>BinaryCrossEntropySigmoidError</c>).
/// </summary>
/// <remarks>
/// The value is computed in the stable form <c>max(y, 0) − t·y + log(1 + exp(−|y|))</c>, equal to the formula above
/// but finite for logits of any size. As for <see cref="BinaryCrossEntropyError"/>, the value is summed over
/// dimensions and averaged over examples so that the course's gradient is its gradient (the course's code averages
/// the value over every element; the two agree for one output per example).
/// </remarks>
public sealed class BinaryCrossEntropySigmoidError : ErrorFunction
{
    /// <inheritdoc />
    private protected override bool IsElementwise => true;

    /// <inheritdoc />
    /// <remarks>Σ [max(y, 0) − t·y + log(1 + exp(−|y|))] in double.</remarks>
    private protected override double ErrorOf(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) =>
        ElementwiseSum.Of(default(StableCrossEntropy), outputs, targets);

    /// <inheritdoc />
    private protected override void WriteGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int width, int batchSize) =>
        ElementwiseDriver.Run(new GradientStep(batchSize), outputs, targets, gradsWrtOutputs);

    // (y, t, g): g = (σ(y) − t) / batch.
    private readonly struct GradientStep(float batch) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 6;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> y, ref Vector<float> t, ref Vector<float> g, ref Vector<float> unused3) =>
            g = (Vector<float>.One / (Vector<float>.One + Vector.Exp(-y)) - t) / new Vector<float>(batch);
    }

    // (y, t): max(y, 0) − t·y + log(1 + exp(−|y|)).
    private readonly struct StableCrossEntropy : IElementwiseTerm
    {
        public static int Reads => Operand.First | Operand.Second;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Term(Vector<double> y, Vector<double> t) =>
            Vector.Max(y, Vector<double>.Zero) - t * y + Vector.Log(Vector<double>.One + Vector.Exp(-Vector.Abs(y)));
    }
}
