using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlp.Kernels;

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
    protected override bool IsElementwise => true;

    /// <inheritdoc />
    protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset) => UpdateRangeChecked(values, gradients, offset);

    // The update, each new vector's finiteness OR-ed into `flags` as it is written (see FiniteCheck).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private protected override bool UpdateRangeChecked(Span<float> values, ReadOnlySpan<float> gradients, int offset)
    {
        Span<float> sums = StateSlice(0, offset, values.Length);
        float lr = (float)LearningRate, eps = (float)Epsilon;
        ref float p0 = ref MemoryMarshal.GetReference(values);
        ref float g0 = ref MemoryMarshal.GetReference(gradients);
        ref float s0 = ref MemoryMarshal.GetReference(sums);
        Vector<float> vlr = new(lr), veps = new(eps);
        int n = values.Length, w = Vector<float>.Count, i = 0;
        Vector<int> flags = Vector<int>.Zero;
        for (; i + w <= n; i += w)
        {
            Vector<float> g = Vector.LoadUnsafe(ref g0, (nuint)i);
            Vector<float> s = Vector.LoadUnsafe(ref s0, (nuint)i) + g * g;
            s.StoreUnsafe(ref s0, (nuint)i);
            Vector<float> p = Vector.LoadUnsafe(ref p0, (nuint)i) - vlr * g / Vector.SquareRoot(s + veps);
            p.StoreUnsafe(ref p0, (nuint)i);
            flags |= FiniteCheck.Flags(p);
        }
        bool finite = FiniteCheck.AllClear(flags);
        for (; i < n; i++)
        {
            float g = gradients[i];
            float s = sums[i] + g * g;
            sums[i] = s;
            values[i] -= lr * g / MathF.Sqrt(s + eps);
            finite &= float.IsFinite(values[i]);
        }
        return finite;
    }

    /// <summary>A description with the hyper-parameters.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{nameof(AdaGradLearningRule)}(learningRate: {LearningRate}, epsilon: {Epsilon})");
}
