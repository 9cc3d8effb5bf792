namespace Mlp.Examples.Tests.Support;

/// <summary>
/// A model's outputs computed the textbook way, in double, from its layer table and parameter values: the reference
/// the app's reported errors are checked against (independent of the generated SIMD code).
/// </summary>
public static class NaiveForward
{
    /// <summary>The outputs for one example.</summary>
    public static double[] Outputs(IModel model, ReadOnlySpan<float> input)
    {
        double[] x = new double[input.Length];
        for (int i = 0; i < x.Length; i++)
            x[i] = input[i];
        foreach (LayerInfo layer in model.Layers)
        {
            x = layer.Kind switch
            {
                LayerKind.Affine => Affine(model, layer, x),
                LayerKind.Relu => x.Select(v => Math.Max(0, v)).ToArray(),
                LayerKind.Sigmoid => x.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(),
                _ => throw new NotSupportedException($"The reference does not compute {layer.Kind} layers."),
            };
        }
        return x;
    }

    /// <summary>The course's sum-of-squared-differences error: 0.5 · mean over examples of Σ (y − t)².</summary>
    public static double SumOfSquaredDiffs(IModel model, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
    {
        double total = 0;
        for (int e = 0; e < count; e++)
        {
            double[] y = Outputs(model, inputs.Slice(e * model.InputDim, model.InputDim));
            ReadOnlySpan<float> t = targets.Slice(e * model.OutputDim, model.OutputDim);
            for (int j = 0; j < y.Length; j++)
                total += (y[j] - t[j]) * (y[j] - t[j]);
        }
        return 0.5 * total / count;
    }

    /// <summary>The fraction of examples whose largest output is at their label.</summary>
    public static double Accuracy(IModel model, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, int count)
    {
        int correct = 0;
        for (int e = 0; e < count; e++)
        {
            double[] y = Outputs(model, inputs.Slice(e * model.InputDim, model.InputDim));
            if (Array.IndexOf(y, y.Max()) == labels[e])
                correct++;
        }
        return (double)correct / count;
    }

    private static double[] Affine(IModel model, LayerInfo layer, double[] x)
    {
        Parameter weights = model.Parameters.Single(p => p.LayerIndex == layer.Index && p.Kind == ParameterKind.Weights);
        Parameter biases = model.Parameters.Single(p => p.LayerIndex == layer.Index && p.Kind == ParameterKind.Biases);
        ReadOnlySpan<float> w = weights.Values, b = biases.Values;
        var y = new double[layer.OutputDim];
        for (int o = 0; o < y.Length; o++)
        {
            double sum = b[o];
            for (int i = 0; i < x.Length; i++)
                sum += w[o * x.Length + i] * x[i];
            y[o] = sum;
        }
        return y;
    }
}
