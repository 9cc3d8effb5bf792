using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlp.Kernels;

namespace Mlp.LearningRules;

/// <summary>(Stochastic) gradient descent: <c>p := p − learningRate · g</c> (the course's <c>GradientDescentLearningRule</c>).</summary>
/// <param name="learningRate">Finite and greater than 0.</param>
public sealed class GradientDescentLearningRule(double learningRate = 1e-3) : LearningRule(learningRate)
{
    /// <inheritdoc />
    protected override int StateBufferCount => 0;

    /// <inheritdoc />
    protected override bool IsElementwise => true;

    /// <inheritdoc />
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRangeChecked(values, gradients, offset);

    // The update, each new vector's finiteness OR-ed into `flags` as it is written (see FiniteCheck).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override bool UpdateRangeChecked(Span<float> values, ReadOnlySpan<float> gradients, int offset)
    {
        float lr = (float)LearningRate;
        ref float p0 = ref MemoryMarshal.GetReference(values);
        ref float g0 = ref MemoryMarshal.GetReference(gradients);
        var vlr = new Vector<float>(lr);
        int n = values.Length, w = Vector<float>.Count, i = 0;
        Vector<int> flags = Vector<int>.Zero;
        for (; i + w <= n; i += w)
        {
            Vector<float> p = Vector.LoadUnsafe(ref p0, (nuint)i) - vlr * Vector.LoadUnsafe(ref g0, (nuint)i);
            p.StoreUnsafe(ref p0, (nuint)i);
            flags |= FiniteCheck.Flags(p);
        }
        bool finite = FiniteCheck.AllClear(flags);
        for (; i < n; i++)
        {
            values[i] -= lr * gradients[i];
            finite &= float.IsFinite(values[i]);
        }
        return finite;
    }

    /// <summary>A description with the hyper-parameters, e.g. <c>GradientDescentLearningRule(learningRate: 0.01)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(GradientDescentLearningRule)}(learningRate: {LearningRate})");
}
