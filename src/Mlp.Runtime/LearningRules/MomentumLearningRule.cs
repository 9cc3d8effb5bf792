using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;
using Mlp.Threading;

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
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRun(values, gradients, offset, null);

    /// <inheritdoc />
    private protected override bool UpdateRun(Span<float> values, ReadOnlySpan<float> gradients, int offset, ParameterSplit? split) =>
        ElementwiseDriver.Run(new Step((float)LearningRate, (float)MomentumCoefficient), split, values, gradients, StateSlice(0, offset, values.Length));

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(MomentumLearningRule)}(learningRate: {LearningRate}, momCoeff: {MomentumCoefficient})");

    // (p, g, m): m := momCoeff · m − learningRate · g, p := p + m.
    private readonly struct Step(float learningRate, float momCoeff) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second | Operand.Third;
        public static int Writes => Operand.First | Operand.Third;
        public static bool ChecksFinite => true;
        public static int Cost => CostPerParameter;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, ref Vector<float> g, ref Vector<float> m, ref Vector<float> unused3)
        {
            m = m * new Vector<float>(momCoeff) - new Vector<float>(learningRate) * g;
            p += m;
        }
    }
}
