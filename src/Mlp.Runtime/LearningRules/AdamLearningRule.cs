using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlp.Kernels;

namespace Mlp.LearningRules;

/// <summary>
/// Adam, with the course's update (<c>AdamLearningRule</c>): at step <c>t</c>,
/// <c>m := β₁·m + (1 − β₁)·g</c>, <c>v := β₂·v + (1 − β₂)·g²</c>,
/// <c>αₜ = learningRate · sqrt(1 − β₂ᵗ) / (1 − β₁ᵗ)</c> and <c>p := p − αₜ · m / (sqrt(v) + ε)</c>.
/// </summary>
/// <remarks>
/// ε is added to <c>sqrt(v)</c> before the bias correction is folded into <c>αₜ</c>, as in Kingma and Ba's paper and
/// the course; PyTorch adds ε to the bias-corrected <c>sqrt(v̂)</c>, which differs slightly.
/// </remarks>
public sealed class AdamLearningRule : LearningRule
{
    private float _alpha;

    /// <summary>Creates the rule with zero moment estimates.</summary>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <param name="beta1">Decay rate of the first-moment estimates, in [0, 1).</param>
    /// <param name="beta2">Decay rate of the second-moment estimates, in [0, 1).</param>
    /// <param name="epsilon">Softening added to <c>sqrt(v)</c>, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    public AdamLearningRule(double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8) : base(learningRate)
    {
        Beta1 = HyperParameter.DecayRate(beta1, nameof(beta1));
        Beta2 = HyperParameter.DecayRate(beta2, nameof(beta2));
        Epsilon = HyperParameter.Positive(epsilon, nameof(epsilon));
    }

    /// <summary>Decay rate of the first-moment estimates.</summary>
    public double Beta1 { get; }

    /// <summary>Decay rate of the second-moment estimates.</summary>
    public double Beta2 { get; }

    /// <summary>Softening added to <c>sqrt(v)</c>.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateBufferCount => 2;

    /// <inheritdoc />
    protected override void PrepareStep(long step) =>
        _alpha = (float)(LearningRate * Math.Sqrt(1.0 - Math.Pow(Beta2, step)) / (1.0 - Math.Pow(Beta1, step)));

    /// <inheritdoc />
    protected override bool IsElementwise => true;

    /// <inheritdoc />
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRangeChecked(values, gradients, offset);

    // The update, each new vector's finiteness OR-ed into `flags` as it is written (see FiniteCheck).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override bool UpdateRangeChecked(Span<float> values, ReadOnlySpan<float> gradients, int offset)
    {
        Span<float> moms1 = StateSlice(0, offset, values.Length), moms2 = StateSlice(1, offset, values.Length);
        float b1 = (float)Beta1, c1 = (float)(1.0 - Beta1), b2 = (float)Beta2, c2 = (float)(1.0 - Beta2);
        float eps = (float)Epsilon, alpha = _alpha;
        ref float p0 = ref MemoryMarshal.GetReference(values);
        ref float g0 = ref MemoryMarshal.GetReference(gradients);
        ref float m0 = ref MemoryMarshal.GetReference(moms1);
        ref float v0 = ref MemoryMarshal.GetReference(moms2);
        Vector<float> vb1 = new(b1), vc1 = new(c1), vb2 = new(b2), vc2 = new(c2), veps = new(eps), valpha = new(alpha);
        int n = values.Length, w = Vector<float>.Count, i = 0;
        Vector<int> flags = Vector<int>.Zero;
        for (; i + w <= n; i += w)
        {
            Vector<float> g = Vector.LoadUnsafe(ref g0, (nuint)i);
            Vector<float> m = Vector.LoadUnsafe(ref m0, (nuint)i) * vb1 + vc1 * g;
            Vector<float> v = Vector.LoadUnsafe(ref v0, (nuint)i) * vb2 + vc2 * (g * g);
            m.StoreUnsafe(ref m0, (nuint)i);
            v.StoreUnsafe(ref v0, (nuint)i);
            Vector<float> p = Vector.LoadUnsafe(ref p0, (nuint)i) - valpha * m / (Vector.SquareRoot(v) + veps);
            p.StoreUnsafe(ref p0, (nuint)i);
            flags |= FiniteCheck.Flags(p);
        }
        bool finite = FiniteCheck.AllClear(flags);
        for (; i < n; i++)
        {
            float g = gradients[i];
            float m = moms1[i] * b1 + c1 * g;
            float v = moms2[i] * b2 + c2 * (g * g);
            moms1[i] = m;
            moms2[i] = v;
            values[i] -= alpha * m / (MathF.Sqrt(v) + eps);
            finite &= float.IsFinite(values[i]);
        }
        return finite;
    }

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{nameof(AdamLearningRule)}(learningRate: {LearningRate}, beta1: {Beta1}, beta2: {Beta2}, epsilon: {Epsilon})");
}
