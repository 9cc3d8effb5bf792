using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private protected override double ErrorOf(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) => CrossEntropySum(outputs, targets);

    /// <inheritdoc />
    private protected override void WriteGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int width, int batchSize) =>
        ElementwiseDriver.Run(new GradientStep(batchSize), outputs, targets, gradsWrtOutputs);

    // Σ [max(y, 0) − t·y + log(1 + exp(−|y|))] in double.
    private static double CrossEntropySum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        ref float y0 = ref MemoryMarshal.GetReference(outputs);
        ref float t0 = ref MemoryMarshal.GetReference(targets);
        var acc = Vector<double>.Zero;
        int n = outputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            Vector.Widen(Vector.LoadUnsafe(ref y0, (nuint)i), out Vector<double> ylo, out Vector<double> yhi);
            Vector.Widen(Vector.LoadUnsafe(ref t0, (nuint)i), out Vector<double> tlo, out Vector<double> thi);
            acc += Terms(ylo, tlo) + Terms(yhi, thi);
        }
        double sum = Vector.Sum(acc);
        for (; i < n; i++)
        {
            double y = outputs[i], t = targets[i];
            sum += Math.Max(y, 0) - t * y + Math.Log(1 + Math.Exp(-Math.Abs(y)));
        }
        return sum;
    }

    private static Vector<double> Terms(Vector<double> y, Vector<double> t) =>
        Vector.Max(y, Vector<double>.Zero) - t * y + Vector.Log(Vector<double>.One + Vector.Exp(-Vector.Abs(y)));

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
}
