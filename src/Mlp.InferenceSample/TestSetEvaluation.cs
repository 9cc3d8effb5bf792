using Mlp.Data;
using Mlp.Errors;

namespace Mlp.InferenceSample;

/// <summary>Reconstructs the 10,000 MNIST test images in batches and measures how far the reconstructions are off.</summary>
internal static class TestSetEvaluation
{
    /// <summary>Images per Forward call.</summary>
    public const int BatchSize = 1_000;

    /// <summary>
    /// The course's sum-of-squared-differences error per image (half the squared distance between an image and its
    /// reconstruction, averaged over the test set) and a hash of every output's bits.
    /// </summary>
    public static (int Images, double Error, OutputBits Bits) Run(Autoencoder model, MnistData test)
    {
        var error = new SumOfSquaredDiffsError();
        var bits = new OutputBits();
        ReadOnlySpan<float> images = test.Inputs.Span;
        double sum = 0;
        for (int start = 0; start < test.Count; start += BatchSize)
        {
            int batch = Math.Min(BatchSize, test.Count - start);
            ReadOnlySpan<float> inputs = images.Slice(start * Autoencoder.InputDim, batch * Autoencoder.InputDim);
            ReadOnlySpan<float> outputs = model.Forward(inputs, batch);
            sum += error.Sum(outputs, inputs, batch);
            bits.Add(outputs);
        }
        return (test.Count, sum / test.Count, bits);
    }
}
