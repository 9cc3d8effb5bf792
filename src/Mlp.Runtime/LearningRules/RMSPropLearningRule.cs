using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;
using Mlp.Threading;

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
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRun(values, gradients, offset, null);

    /// <inheritdoc />
    private protected override bool UpdateRun(Span<float> values, ReadOnlySpan<float> gradients, int offset, ParameterSplit? split) =>
        ElementwiseDriver.Run(new Step((float)LearningRate, (float)Beta, (float)(1.0 - Beta), (float)Epsilon), split, values, gradients, StateSlice(0, offset, values.Length));

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(RMSPropLearningRule)}(learningRate: {LearningRate}, beta: {Beta}, epsilon: {Epsilon})");

    // (p, g, v): v := β·v + (1 − β)·g², p := p − learningRate · g / sqrt(v + ε).
    private readonly struct Step(float learningRate, float beta, float oneMinusBeta, float epsilon) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second | Operand.Third;
        public static int Writes => Operand.First | Operand.Third;
        public static bool ChecksFinite => true;
        public static int Cost => CostPerParameter;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, ref Vector<float> g, ref Vector<float> v, ref Vector<float> unused3)
        {
            v = v * new Vector<float>(beta) + new Vector<float>(oneMinusBeta) * (g * g);
            p -= new Vector<float>(learningRate) * g / Vector.SquareRoot(v + new Vector<float>(epsilon));
        }
    }
}
