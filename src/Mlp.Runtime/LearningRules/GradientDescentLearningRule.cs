using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;
using Mlp.Threading;

namespace Mlp.LearningRules;

/// <summary>(Stochastic) gradient descent: <c>p := p − learningRate · g</c> (the course's <c>GradientDescentLearningRule</c>).</summary>
/// <param name="learningRate">Finite and greater than 0.</param>
public sealed class GradientDescentLearningRule(double learningRate = 1e-3) : LearningRule(learningRate)
{
    /// <inheritdoc />
    protected override int StateBufferCount => 0;

    /// <inheritdoc />
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRun(values, gradients, offset, null);

    /// <inheritdoc />
    private protected override bool UpdateRun(Span<float> values, ReadOnlySpan<float> gradients, int offset, ParameterSplit? split) =>
        ElementwiseDriver.Run(new Step((float)LearningRate), split, values, gradients);

    /// <summary>A description with the hyper-parameters, e.g. <c>GradientDescentLearningRule(learningRate: 0.01)</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{nameof(GradientDescentLearningRule)}(learningRate: {LearningRate})");

    // (p, g): p := p − learningRate · g.
    private readonly struct Step(float learningRate) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.First;
        public static bool ChecksFinite => true;
        public static int Cost => CostPerParameter;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, ref Vector<float> g, ref Vector<float> unused2, ref Vector<float> unused3) =>
            p -= new Vector<float>(learningRate) * g;
    }
}
