namespace Mlp.Examples.Tests.Support;

/// <summary>
/// The errors and accuracies the app reports, computed the textbook way in double by <see cref="ReferenceNetwork"/>
/// from a model's layer table and parameter values (independent of the generated SIMD code).
/// </summary>
internal static class ReferenceEvaluation
{
    /// <summary>The course's sum-of-squared-differences error: 0.5 · mean over examples of Σ (y − t)².</summary>
    public static double SumOfSquaredDiffs(IModel model, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int count)
    {
        var reference = new ReferenceNetwork(model);
        double total = 0;
        for (int e = 0; e < count; e++)
        {
            double[] y = Outputs(reference, inputs.Slice(e * model.InputDim, model.InputDim));
            ReadOnlySpan<float> t = targets.Slice(e * model.OutputDim, model.OutputDim);
            for (int j = 0; j < y.Length; j++)
                total += (y[j] - t[j]) * (y[j] - t[j]);
        }
        return 0.5 * total / count;
    }

    /// <summary>The fraction of examples whose largest output is at their label.</summary>
    public static double Accuracy(IModel model, ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels, int count)
    {
        var reference = new ReferenceNetwork(model);
        int correct = 0;
        for (int e = 0; e < count; e++)
        {
            double[] y = Outputs(reference, inputs.Slice(e * model.InputDim, model.InputDim));
            if (Array.IndexOf(y, y.Max()) == labels[e])
                correct++;
        }
        return (double)correct / count;
    }

    /// <summary>The last layer's outputs for one example.</summary>
    private static double[] Outputs(ReferenceNetwork reference, ReadOnlySpan<float> input)
    {
        var x = new double[input.Length];
        for (int i = 0; i < x.Length; i++)
            x[i] = input[i];
        return reference.Forward(x, batch: 1)[^1];
    }
}
