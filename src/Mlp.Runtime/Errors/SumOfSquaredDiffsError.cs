using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Errors;

/// <summary>
/// The sum of squared differences: <c>E = 0.5 · mean over the batch of Σ_dims (y − t)²</c>, with gradient
/// <c>(y − t) / batchSize</c> (the course's <c>SumOfSquaredDiffsError</c>).
/// </summary>
public sealed class SumOfSquaredDiffsError : ErrorFunction
{
    /// <inheritdoc />
    private protected override bool IsElementwise => true;

    /// <inheritdoc />
    /// <remarks>0.5 · Σ (y − t)², each difference taken and squared in double.</remarks>
    private protected override double ErrorOf(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) =>
        0.5 * ElementwiseSum.Of(default(SquaredDifference), outputs, targets);

    /// <inheritdoc />
    private protected override void WriteGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int width, int batchSize) =>
        ElementwiseDriver.Run(new GradientStep(batchSize), outputs, targets, gradsWrtOutputs);

    // (y, t, g): g = (y − t) / batch, divided, not multiplied by a reciprocal, to round exactly as the course's does.
    private readonly struct GradientStep(float batch) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 6;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> y, ref Vector<float> t, ref Vector<float> g, ref Vector<float> unused3) =>
            g = (y - t) / new Vector<float>(batch);
    }

    // (y, t): (y − t)².
    private readonly struct SquaredDifference : IElementwiseTerm
    {
        public static int Reads => Operand.First | Operand.Second;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<double> Term(Vector<double> y, Vector<double> t)
        {
            Vector<double> d = y - t;
            return d * d;
        }
    }
}
