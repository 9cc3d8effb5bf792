using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;
using Mlp.Threading;

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
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRun(values, gradients, offset, null);

    /// <inheritdoc />
    private protected override bool UpdateRun(Span<float> values, ReadOnlySpan<float> gradients, int offset, ParameterSplit? split) =>
        ElementwiseDriver.Run(new Step(_alpha, (float)Beta1, (float)(1.0 - Beta1), (float)Beta2, (float)(1.0 - Beta2), (float)Epsilon), split, values, gradients, StateSlice(0, offset, values.Length), StateSlice(1, offset, values.Length));

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{nameof(AdamLearningRule)}(learningRate: {LearningRate}, beta1: {Beta1}, beta2: {Beta2}, epsilon: {Epsilon})");

    // (p, g, m, v): m := β₁·m + (1 − β₁)·g, v := β₂·v + (1 − β₂)·g², p := p − αₜ · m / (sqrt(v) + ε).
    private readonly struct Step(float alpha, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2, float epsilon) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second | Operand.Third | Operand.Fourth;
        public static int Writes => Operand.First | Operand.Third | Operand.Fourth;
        public static bool ChecksFinite => true;
        public static int Cost => CostPerParameter;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, ref Vector<float> g, ref Vector<float> m, ref Vector<float> v)
        {
            m = m * new Vector<float>(beta1) + new Vector<float>(oneMinusBeta1) * g;
            v = v * new Vector<float>(beta2) + new Vector<float>(oneMinusBeta2) * (g * g);
            p -= new Vector<float>(alpha) * m / (Vector.SquareRoot(v) + new Vector<float>(epsilon));
        }
    }
}
