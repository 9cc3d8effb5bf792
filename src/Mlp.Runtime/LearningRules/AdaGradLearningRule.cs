using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;
using Mlp.Threading;

namespace Mlp.LearningRules;

/// <summary>
/// AdaGrad (the course's <c>AdaGradLearningRule</c>): <c>s := s + g²</c>, then
/// <c>p := p − learningRate · g / sqrt(s + ε)</c>.
/// </summary>
public sealed class AdaGradLearningRule : LearningRule
{
    /// <summary>Creates the rule with zero sums of squared gradients.</summary>
    /// <param name="learningRate">Finite and greater than 0.</param>
    /// <param name="epsilon">Softening added to the sums, finite and greater than 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter is out of range.</exception>
    public AdaGradLearningRule(double learningRate = 1e-2, double epsilon = 1e-8) : base(learningRate) =>
        Epsilon = HyperParameter.Positive(epsilon, nameof(epsilon));

    /// <summary>Softening added to the sums of squared gradients.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    protected override int StateBufferCount => 1;

    /// <inheritdoc />
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRun(values, gradients, offset, null);

    /// <inheritdoc />
    private protected override bool UpdateRun(Span<float> values, ReadOnlySpan<float> gradients, int offset, ParameterSplit? split) =>
        ElementwiseDriver.Run(new Step((float)LearningRate, (float)Epsilon), split, values, gradients, StateSlice(0, offset, values.Length));

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(AdaGradLearningRule)}(learningRate: {LearningRate}, epsilon: {Epsilon})");

    // (p, g, s): s := s + g², p := p − learningRate · g / sqrt(s + ε).
    private readonly struct Step(float learningRate, float epsilon) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second | Operand.Third;
        public static int Writes => Operand.First | Operand.Third;
        public static bool ChecksFinite => true;
        public static int Cost => CostPerParameter;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, ref Vector<float> g, ref Vector<float> s, ref Vector<float> unused3)
        {
            s += g * g;
            p -= new Vector<float>(learningRate) * g / Vector.SquareRoot(s + new Vector<float>(epsilon));
        }
    }
}
