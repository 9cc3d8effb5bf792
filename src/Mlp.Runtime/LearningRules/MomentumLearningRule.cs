using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlp.Kernels;

namespace Mlp.LearningRules;

/// <summary>
/// Gradient descent with momentum (the course's <c>MomentumLearningRule</c>):
/// <c>m := momCoeff · m − learningRate · g</c>, then <c>p := p + m</c>.
/// </summary>
public sealed class MomentumLearningRule : LearningRule
{
    /// <summary>Creates the rule with zero initial momenta.</summary>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <param name="momCoeff">How much of the previous momentum is kept, in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    public MomentumLearningRule(double learningRate = 1e-3, double momCoeff = 0.9) : base(learningRate) =>
        MomentumCoefficient = HyperParameter.DecayRate(momCoeff, nameof(momCoeff));

    /// <summary>How much of the previous momentum is kept at each update, in [0, 1).</summary>
    public double MomentumCoefficient { get; }

    /// <inheritdoc />
    protected override int StateBufferCount => 1;

    /// <inheritdoc />
    protected override bool IsElementwise => true;

    /// <inheritdoc />
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRangeChecked(values, gradients, offset);

    // The update, each new vector's finiteness OR-ed into `flags` as it is written (see FiniteCheck).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override bool UpdateRangeChecked(Span<float> values, ReadOnlySpan<float> gradients, int offset)
    {
        Span<float> moms = StateSlice(0, offset, values.Length);
        float lr = (float)LearningRate, c = (float)MomentumCoefficient;
        ref float p0 = ref MemoryMarshal.GetReference(values);
        ref float g0 = ref MemoryMarshal.GetReference(gradients);
        ref float m0 = ref MemoryMarshal.GetReference(moms);
        Vector<float> vlr = new(lr), vc = new(c);
        int n = values.Length, w = Vector<float>.Count, i = 0;
        Vector<int> flags = Vector<int>.Zero;
        for (; i + w <= n; i += w)
        {
            Vector<float> m = Vector.LoadUnsafe(ref m0, (nuint)i) * vc - vlr * Vector.LoadUnsafe(ref g0, (nuint)i);
            m.StoreUnsafe(ref m0, (nuint)i);
            Vector<float> p = Vector.LoadUnsafe(ref p0, (nuint)i) + m;
            p.StoreUnsafe(ref p0, (nuint)i);
            flags |= FiniteCheck.Flags(p);
        }
        bool finite = FiniteCheck.AllClear(flags);
        for (; i < n; i++)
        {
            float m = moms[i] * c - lr * gradients[i];
            moms[i] = m;
            values[i] += m;
            finite &= float.IsFinite(values[i]);
        }
        return finite;
    }

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(MomentumLearningRule)}(learningRate: {LearningRate}, momCoeff: {MomentumCoefficient})");
}
