using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Errors;

/// <summary>
/// Multi-class cross-entropy with the softmax applied inside: for logits <c>y</c>,
/// <c>E = −mean over the batch of Σ_dims t·log softmax(y)</c>, gradient <c>(softmax(y) − t) / batchSize</c>
/// (the course's <c>CrossEntropySoftmaxError</c>).
/// </summary>
/// <remarks>
/// Stable for logits of any size: each row's maximum is subtracted before exponentiating, and the value uses
/// <c>−log softmax(y)_j = logsumexp(y) − y_j</c>, computed in double. A target of exactly 0 contributes nothing.
/// </remarks>
public sealed class CrossEntropySoftmaxError : ErrorFunction
{
    /// <inheritdoc />
    private protected override bool IsElementwise => false;

    /// <inheritdoc />
    private protected override double ErrorOf(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets) => RowCrossEntropy(outputs, targets);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override void WriteGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int width, int batchSize)
    {
        float batch = batchSize;
        for (int start = 0; start < outputs.Length; start += width)
            RowGradient(outputs.Slice(start, width), targets.Slice(start, width), gradsWrtOutputs.Slice(start, width), batch);
    }

    // (exp(y − max) / Σ exp(y − max) − t) / batch, with the exponentials written into the gradient row first.
    private static void RowGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> grads, float batch)
    {
        float max = RowMax(outputs);
        ref float y0 = ref MemoryMarshal.GetReference(outputs);
        ref float t0 = ref MemoryMarshal.GetReference(targets);
        ref float g0 = ref MemoryMarshal.GetReference(grads);
        var vmax = new Vector<float>(max);
        var acc = Vector<float>.Zero;
        int n = outputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            Vector<float> e = Vector.Exp(Vector.LoadUnsafe(ref y0, (nuint)i) - vmax);
            e.StoreUnsafe(ref g0, (nuint)i);
            acc += e;
        }
        float sum = Vector.Sum(acc);
        for (; i < n; i++)
        {
            float e = MathF.Exp(outputs[i] - max);
            grads[i] = e;
            sum += e;
        }
        Vector<float> vsum = new(sum), vbatch = new(batch);
        for (i = 0; i + w <= n; i += w)
            ((Vector.LoadUnsafe(ref g0, (nuint)i) / vsum - Vector.LoadUnsafe(ref t0, (nuint)i)) / vbatch).StoreUnsafe(ref g0, (nuint)i);
        for (; i < n; i++)
            grads[i] = (grads[i] / sum - targets[i]) / batch;
    }

    // Σ_j t_j · (logsumexp(y) − y_j) in double.
    private static double RowCrossEntropy(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        double max = RowMax(outputs);
        ref float y0 = ref MemoryMarshal.GetReference(outputs);
        ref float t0 = ref MemoryMarshal.GetReference(targets);
        var vmax = new Vector<double>(max);
        var acc = Vector<double>.Zero;
        int n = outputs.Length, w = Vector<float>.Count, i = 0;
        for (; i + w <= n; i += w)
        {
            Vector.Widen(Vector.LoadUnsafe(ref y0, (nuint)i), out Vector<double> lo, out Vector<double> hi);
            acc += Vector.Exp(lo - vmax) + Vector.Exp(hi - vmax);
        }
        double sumExp = Vector.Sum(acc);
        for (; i < n; i++)
            sumExp += Math.Exp(outputs[i] - max);
        double logSumExp = max + Math.Log(sumExp);

        var vlse = new Vector<double>(logSumExp);
        acc = Vector<double>.Zero;
        for (i = 0; i + w <= n; i += w)
        {
            Vector.Widen(Vector.LoadUnsafe(ref y0, (nuint)i), out Vector<double> ylo, out Vector<double> yhi);
            Vector.Widen(Vector.LoadUnsafe(ref t0, (nuint)i), out Vector<double> tlo, out Vector<double> thi);
            acc += Term(ylo, tlo, vlse) + Term(yhi, thi, vlse);
        }
        double sum = Vector.Sum(acc);
        for (; i < n; i++)
        {
            double t = targets[i];
            if (t != 0)
                sum += t * (logSumExp - outputs[i]);
        }
        return sum;
    }

    private static Vector<double> Term(Vector<double> y, Vector<double> t, Vector<double> logSumExp) =>
        Vector.ConditionalSelect(Vector.Equals(t, Vector<double>.Zero), Vector<double>.Zero, t * (logSumExp - y));

    private static float RowMax(ReadOnlySpan<float> row)
    {
        float max = float.NegativeInfinity;
        foreach (float v in row)
            max = MathF.Max(max, v);
        return max;
    }
}
