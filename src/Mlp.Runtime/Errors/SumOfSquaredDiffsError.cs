using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    private protected override double ErrorOf(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) => HalfSquaredDistance(outputs, targets);

    /// <inheritdoc />
    private protected override void WriteGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int width, int batchSize) =>
        ElementwiseDriver.Run(new GradientStep(batchSize), outputs, targets, gradsWrtOutputs);

    // 0.5 · Σ (y − t)², each difference taken and squared in double.
    private static double HalfSquaredDistance(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        ref float y0 = ref MemoryMarshal.GetReference(outputs);
        ref float t0 = ref MemoryMarshal.GetReference(targets);
        var acc0 = Vector<double>.Zero;
        var acc1 = Vector<double>.Zero;
        int n = outputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            Vector.Widen(Vector.LoadUnsafe(ref y0, (nuint)i), out Vector<double> ylo, out Vector<double> yhi);
            Vector.Widen(Vector.LoadUnsafe(ref t0, (nuint)i), out Vector<double> tlo, out Vector<double> thi);
            Vector<double> dlo = ylo - tlo, dhi = yhi - thi;
            acc0 += dlo * dlo;
            acc1 += dhi * dhi;
        }
        double sum = Vector.Sum(acc0 + acc1);
        for (; i < n; i++)
        {
            double d = (double)outputs[i] - targets[i];
            sum += d * d;
        }
        return 0.5 * sum;
    }

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
}
