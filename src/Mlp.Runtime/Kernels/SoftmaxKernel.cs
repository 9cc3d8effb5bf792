using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;

namespace Mlp.Kernels;

/// <summary>The row-wise softmax layer, stable because each row's maximum is subtracted before exponentiating.</summary>
public static class SoftmaxKernel
{
    /// <summary><c>outputs[r, :] = exp(inputs[r, :] − max_r) / Σ exp(inputs[r, :] − max_r)</c> for rows of <paramref name="width"/>.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, int width)
    {
        ElementwiseGuard.SameLength(inputs.Length, outputs.Length, nameof(outputs));
        CheckWidth(inputs.Length, width);
        for (int start = 0; start < inputs.Length; start += width)
            ForwardRow(inputs.Slice(start, width), outputs.Slice(start, width));
    }

    /// <summary><c>gradsWrtInputs = outputs · (gradsWrtOutputs − Σ_row gradsWrtOutputs · outputs)</c>.</summary>
    public static void Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs, int width)
    {
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtOutputs.Length, nameof(gradsWrtOutputs));
        ElementwiseGuard.SameLength(outputs.Length, gradsWrtInputs.Length, nameof(gradsWrtInputs));
        CheckWidth(outputs.Length, width);
        for (int start = 0; start < outputs.Length; start += width)
        {
            ReadOnlySpan<float> y = outputs.Slice(start, width), g = gradsWrtOutputs.Slice(start, width);
            Span<float> d = gradsWrtInputs.Slice(start, width);
            float dot = 0f;
            for (int j = 0; j < width; j++)
                dot = MathF.FusedMultiplyAdd(y[j], g[j], dot);
            for (int j = 0; j < width; j++)
                d[j] = y[j] * (g[j] - dot);
        }
    }

    private static void ForwardRow(ReadOnlySpan<float> x, Span<float> y)
    {
        float max = float.NegativeInfinity;
        foreach (float v in x)
            max = MathF.Max(max, v);
        ElementwiseDriver.Run(new ShiftedExp(max), x, y);
        float sum = 0f;
        foreach (float v in y)
            sum += v;
        float inverse = 1f / sum;
        for (int i = 0; i < y.Length; i++)
            y[i] *= inverse;
    }

    private static void CheckWidth(int length, int width)
    {
        if (width <= 0 || length % width != 0)
            throw new ArgumentException($"A length of {length} is not a whole number of rows of width {width}.", nameof(width));
    }

    // (x, y): y = exp(x − shift).
    private readonly struct ShiftedExp(float shift) : IElementwiseOperator
    {
        public static int Reads => Operand.First;
        public static int Writes => Operand.Second;
        public static int Cost => 24;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> x, ref Vector<float> y, ref Vector<float> unused2, ref Vector<float> unused3) =>
            y = VectorMath.Exp(x - new Vector<float>(shift));
    }
}
