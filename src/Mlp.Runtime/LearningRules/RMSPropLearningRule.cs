using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlp.Kernels;

namespace Mlp.LearningRules;

/// <summary>
/// RMSProp (the course's <c>RMSPropLearningRule</c>): <c>v := β·v + (1 − β)·g²</c>, then
/// <c>p := p − learningRate · g / sqrt(v + ε)</c>.
/// </summary>
public sealed class RMSPropLearningRule : LearningRule
{
    /// <summary>Creates the rule with zero second-moment estimates.</summary>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <param name="beta">Decay rate of the second-moment estimates, in [0, 1).</param>
    /// <param name="epsilon">Softening added to the estimates, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    public RMSPropLearningRule(double learningRate = 1e-3, double beta = 0.9, double epsilon = 1e-8) : base(learningRate)
    {
        Beta = HyperParameter.DecayRate(beta, nameof(beta));
        Epsilon = HyperParameter.Positive(epsilon, nameof(epsilon));
    }

    /// <summary>Decay rate of the second-moment estimates.</summary>
    public double Beta { get; }

    /// <summary>Softening added to the second-moment estimates.</summary>
    public double Epsilon { get; }

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
        Span<float> moms2 = StateSlice(0, offset, values.Length);
        float lr = (float)LearningRate, b = (float)Beta, c = (float)(1.0 - Beta), eps = (float)Epsilon;
        ref float p0 = ref MemoryMarshal.GetReference(values);
        ref float g0 = ref MemoryMarshal.GetReference(gradients);
        ref float v0 = ref MemoryMarshal.GetReference(moms2);
        Vector<float> vlr = new(lr), vb = new(b), vc = new(c), veps = new(eps);
        int n = values.Length, w = Vector<float>.Count, i = 0;
        Vector<int> flags = Vector<int>.Zero;
        for (; i + w <= n; i += w)
        {
            Vector<float> g = Vector.LoadUnsafe(ref g0, (nuint)i);
            Vector<float> v = Vector.LoadUnsafe(ref v0, (nuint)i) * vb + vc * (g * g);
            v.StoreUnsafe(ref v0, (nuint)i);
            Vector<float> p = Vector.LoadUnsafe(ref p0, (nuint)i) - vlr * g / Vector.SquareRoot(v + veps);
            p.StoreUnsafe(ref p0, (nuint)i);
            flags |= FiniteCheck.Flags(p);
        }
        bool finite = FiniteCheck.AllClear(flags);
        for (; i < n; i++)
        {
            float g = gradients[i];
            float v = moms2[i] * b + c * (g * g);
            moms2[i] = v;
            values[i] -= lr * g / MathF.Sqrt(v + eps);
            finite &= float.IsFinite(values[i]);
        }
        return finite;
    }

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(RMSPropLearningRule)}(learningRate: {LearningRate}, beta: {Beta}, epsilon: {Epsilon})");
}
