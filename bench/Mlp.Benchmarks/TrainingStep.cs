using System.Numerics;
using System.Runtime.InteropServices;

namespace Mlp.Benchmarks;

/// <summary>
/// One plain training step written inline: forward, the sum-of-squared-differences gradient
/// <c>(y − t) / batch</c>, backward, and SGD <c>θ −= η·∇θ</c> over the model's single parameter buffer.
/// The runtime's own errors and learning rules are not used, so the step measures the model alone.
/// </summary>
public static class TrainingStep
{
    /// <summary>Runs one step on <paramref name="inputs"/> with <paramref name="targets"/>; <paramref name="grads"/> is scratch of the output size.</summary>
    public static void Run<TModel>(TModel model, float[] inputs, float[] targets, float[] grads, int batchSize, float learningRate)
        where TModel : IModel
    {
        ReadOnlySpan<float> outputs = model.Forward(inputs, batchSize, training: true);
        SquaredDifferenceGradient(outputs, targets, grads, 1f / batchSize);
        model.Backward(grads);
        GradientDescent(model.AllValues, model.AllGradients, learningRate);
    }

    private static void SquaredDifferenceGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> grads, float scale)
    {
        var s = new Vector<float>(scale);
        int n = outputs.Length, w = Vector<float>.Count, i = 0;
        ref float y = ref MemoryMarshal.GetReference(outputs);
        ref float t = ref MemoryMarshal.GetReference(targets);
        ref float g = ref MemoryMarshal.GetReference(grads);
        for (; i + w <= n; i += w)
            ((Vector.LoadUnsafe(ref y, (nuint)i) - Vector.LoadUnsafe(ref t, (nuint)i)) * s).StoreUnsafe(ref g, (nuint)i);
        for (; i < n; i++)
            grads[i] = (outputs[i] - targets[i]) * scale;
    }

    private static void GradientDescent(Span<float> values, ReadOnlySpan<float> gradients, float learningRate)
    {
        var lr = new Vector<float>(learningRate);
        int n = values.Length, w = Vector<float>.Count, i = 0;
        ref float v = ref MemoryMarshal.GetReference(values);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        for (; i + w <= n; i += w)
            (Vector.LoadUnsafe(ref v, (nuint)i) - lr * Vector.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref v, (nuint)i);
        for (; i < n; i++)
            values[i] -= learningRate * gradients[i];
    }
}
