using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Errors;

/// <summary>
/// Multi-class cross-entropy on probabilities: <c>E = −mean over the batch of Σ_dims t·log y</c>, gradient
/// <c>−(t / y) / batchSize</c> (the course's <c>CrossEntropyError</c>, e.g. after a softmax layer).
/// </summary>
/// <remarks>
/// A target of exactly 0 contributes nothing to the value or the gradient, the limit <c>0·log 0 = 0</c>, so a
/// probability that underflowed to 0 in a class the target does not mark does not turn the error into NaN (NumPy would).
/// For logits, prefer <see cref="CrossEntropySoftmaxError"/>, which is stable.
/// </remarks>
public sealed class CrossEntropyError : ErrorFunction
{
    /// <inheritdoc />
    private protected override bool IsElementwise => true;

    /// <inheritdoc />
    /// <remarks>−Σ t·log y in double, dropping terms whose target is exactly zero.</remarks>
    private protected override double ErrorOf(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) =>
        -ElementwiseSum.Of(default(LogLikelihood), outputs, targets);

    /// <inheritdoc />
    private protected override void WriteGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int width, int batchSize) =>
        ElementwiseDriver.Run(new GradientStep(batchSize), outputs, targets, gradsWrtOutputs);

    // (y, t, g): g = −(t / y) / batch, 0 where the target is exactly 0.
    private readonly struct GradientStep(float batch) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 6;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> y, ref Vector<float> t, ref Vector<float> g, ref Vector<float> unused3) =>
            g = Vector.ConditionalSelect(Vector.Equals(t, Vector<float>.Zero), Vector<float>.Zero, -(t / y) / new Vector<float>(batch));
    }

    // (y, t): t·log y, 0 where the target is exactly 0.
    private readonly struct LogLikelihood : IElementwiseTerm
    {
        public static int Reads => Operand.First | Operand.Second;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Term(Vector<double> y, Vector<double> t) =>
            Vector.ConditionalSelect(Vector.Equals(t, Vector<double>.Zero), Vector<double>.Zero, t * Vector.Log(y));
    }
}
