using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Errors;

/// <summary>
/// Binary cross-entropy on probabilities: <c>E = −mean over the batch of Σ_dims [t·log y + (1 − t)·log(1 − y)]</c>,
/// gradient <c>((1 − t)/(1 − y) − t/y) / batchSize</c> (the course's <c>BinaryCrossEntropyError</c>).
/// </summary>
/// <remarks>
/// Outputs must lie in (0, 1), e.g. after a sigmoid layer; an output of exactly 0 or 1 against a target that is not
/// equal to it gives an infinite error, as in the course. A target of exactly 0 (or 1) contributes nothing through its
/// <c>t·log y</c> (or <c>(1 − t)·log(1 − y)</c>) term, the limit <c>0·log 0 = 0</c>, where NumPy would give NaN.
/// The course's code averages this error over every element of the batch but scales its gradient by the batch size
/// only; here the value is summed over dimensions and averaged over examples, so that the gradient (identical to the
/// course's) is the gradient of the value. For one output per example both agree.
/// </remarks>
public sealed class BinaryCrossEntropyError : ErrorFunction
{
    /// <inheritdoc />
    private protected override bool IsElementwise => true;

    /// <inheritdoc />
    /// <remarks>−Σ [t·log y + (1 − t)·log(1 − y)] in double, dropping terms whose coefficient is exactly zero.</remarks>
    private protected override double ErrorOf(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) =>
        -ElementwiseSum.Of(default(LogLikelihood), outputs, targets);

    /// <inheritdoc />
    private protected override void WriteGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int width, int batchSize) =>
        ElementwiseDriver.Run(new GradientStep(batchSize), outputs, targets, gradsWrtOutputs);

    // (y, t, g): g = ((1 − t)/(1 − y) − t/y) / batch, each term 0 where its coefficient is exactly 0.
    private readonly struct GradientStep(float batch) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 6;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> y, ref Vector<float> t, ref Vector<float> g, ref Vector<float> unused3)
        {
            Vector<float> one = Vector<float>.One, zero = Vector<float>.Zero;
            Vector<float> negative = Vector.ConditionalSelect(Vector.Equals(t, one), zero, (one - t) / (one - y));
            Vector<float> positive = Vector.ConditionalSelect(Vector.Equals(t, zero), zero, t / y);
            g = (negative - positive) / new Vector<float>(batch);
        }
    }

    // (y, t): t·log y + (1 − t)·log(1 − y), each product 0 where its coefficient is exactly 0.
    private readonly struct LogLikelihood : IElementwiseTerm
    {
        public static int Reads => Operand.First | Operand.Second;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Term(Vector<double> y, Vector<double> t)
        {
            Vector<double> zero = Vector<double>.Zero, one = Vector<double>.One;
            return Vector.ConditionalSelect(Vector.Equals(t, zero), zero, t * Vector.Log(y))
                + Vector.ConditionalSelect(Vector.Equals(t, one), zero, (one - t) * Vector.Log(one - y));
        }
    }
}
