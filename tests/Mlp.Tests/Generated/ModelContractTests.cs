using Mlp.Kernels.Products;

namespace Mlp.Tests.Generated;

/// <summary>The generated members a user relies on: constants, parameters, initialisation, argument checks, layer outputs.</summary>
public sealed class ModelContractTests
{
    [Fact]
    public void ConstantsDescribeTheDeclaredArchitecture()
    {
        Assert.Equal(784, MnistAutoencoder.InputDim);
        Assert.Equal(784, MnistAutoencoder.OutputDim);
        Assert.Equal(784 * 50 + 50 + 50 * 784 + 784, MnistAutoencoder.ParameterCount);
        Assert.Equal("Affine(784, 50) -> Relu -> Affine(50, 784) -> Sigmoid", MnistAutoencoder.Architecture);
        IModel model = new MnistAutoencoder(seed: 1);
        Assert.Equal(784, model.InputDim);
        Assert.Equal(MnistAutoencoder.Architecture, model.Architecture);
        Assert.Equal([LayerKind.Affine, LayerKind.Relu, LayerKind.Affine, LayerKind.Sigmoid], model.Layers.Select(l => l.Kind));
        Assert.Equal("LeakyRelu(0.1)", new LeakyReluNet(seed: 1).Layers[1].ToString());
    }

    [Fact]
    public void ToStringIsTheSummary()
    {
        var model = new MnistAutoencoder(seed: 1);
        Assert.Equal(model.Summary(), model.ToString());
        Assert.Contains("Total parameters: 79,234", model.ToString());
    }

    [Fact]
    public void ParametersAreNamedInLayerOrderWeightsFirstOverOneContiguousBuffer()
    {
        var model = new PretrainableClassifier(seed: 1);
        Assert.Equal(
            ["layer0.weights", "layer0.biases", "layer2.weights", "layer2.biases", "layer4.weights", "layer4.biases"],
            model.Parameters.Select(p => p.Name));
        Assert.Equal([50, 784], model.Parameters[0].Shape.ToArray());
        Assert.Equal([10], model.Parameters[5].Shape.ToArray());
        int offset = 0;
        foreach (Parameter p in model.Parameters)
        {
            Assert.Equal(offset, p.Offset);
            offset += p.Length;
        }
        Assert.Equal(PretrainableClassifier.ParameterCount, offset);
        Assert.Equal(offset, model.AllValues.Length);

        model.Parameters[2].Values[7] = 42f;       // a parameter is a window onto the shared buffer
        Assert.Equal(42f, model.AllValues[model.Parameters[2].Offset + 7]);
        Assert.Same(model.Parameters[2], model.Layer2Weights);
    }

    [Fact]
    public void SeededInitialisationIsGlorotUniformWithZeroBiasesAndReproducible()
    {
        var a = new MnistAutoencoder(seed: 123);
        var b = new MnistAutoencoder(seed: 123);
        var c = new MnistAutoencoder(seed: 124);
        Assert.Equal(a.AllValues.ToArray(), b.AllValues.ToArray());
        Assert.NotEqual(a.AllValues.ToArray(), c.AllValues.ToArray());
        Assert.NotEqual(a.AllValues.ToArray(), new MnistAutoencoder().AllValues.ToArray());

        float bound = MathF.Sqrt(6f / (784 + 50));
        float[] w = a.Layer0Weights.Values.ToArray();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.InRange(w.Max(), 0.95f * bound, bound);                      // the draws fill the interval
        Assert.InRange(w.Min(), -bound, -0.95f * bound);
        Assert.InRange(w.Average(), -0.01 * bound, 0.01 * bound);
        double variance = w.Average(v => (double)v * v);                    // U(-s, s) has variance s²/3
        Assert.InRange(variance, 0.97 * bound * bound / 3, 1.03 * bound * bound / 3);
        Assert.All(a.Layer0Biases.Values.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(a.Layer2Biases.Values.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void WrongSpanLengthsAndBatchSizesThrowNamingTheArgument()
    {
        var model = new ReluNet(seed: 1);
        var ex = Assert.Throws<ArgumentException>(() => model.Forward(new float[20], 3));
        Assert.Equal("inputs", ex.ParamName);
        Assert.Contains("Expected 21 values (batchSize 3 × InputDim 7) but got 20", ex.Message);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(new float[7], 0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward([], -1)).ParamName);
        Assert.Throws<InvalidOperationException>(() => model.Backward(new float[5]));

        model.Forward(new float[14], 2);
        Assert.Equal("gradsWrtOutputs", Assert.Throws<ArgumentException>(() => model.Backward(new float[5])).ParamName);
        Assert.Equal("gradsWrtInputs", Assert.Throws<ArgumentException>(() => model.Backward(new float[10], new float[13])).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => model.LayerOutput(3)).ParamName);
    }

    [Fact]
    public void LayerOutputsAreReadableAfterForward()
    {
        var model = new MnistAutoencoder(seed: 5);
        var x = new float[3 * 784];
        new RandomGenerator(1).FillUniform(x, 0, 1);
        ReadOnlySpan<float> y = model.Forward(x, 3);
        Assert.Equal(3 * 50, model.Layer1Output.Length);
        Assert.True(model.Layer1Output.ToArray().All(v => v >= 0));     // the hidden code after Relu
        Assert.Equal(y.ToArray(), model.LayerOutput(3).ToArray());
        Assert.Equal(model.Layer0Output.ToArray().Select(v => Math.Max(v, 0f)), model.Layer1Output.ToArray());
    }

    [Fact]
    public void ForwardAndBackwardAllocateNothingAfterWarmUp()
    {
        var model = new MnistAutoencoder(seed: 1);
        var x = new float[50 * 784];
        var g = new float[50 * 784];
        var gx = new float[20 * 784];
        new RandomGenerator(2).FillUniform(x, 0, 1);
        new RandomGenerator(3).FillUniform(g, -1, 1);
        model.Forward(x, 50);                                     // the largest batch: buffers are sized here
        model.Backward(g);

        Allocations.AssertNone(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                model.Forward(x, 50, training: true);
                model.Backward(g);
                model.Forward(x.AsSpan(0, 20 * 784), 20);
                model.Backward(g.AsSpan(0, 20 * 784), gx);
            }
        });
    }

    [Fact]
    public void DropoutKeepsUnitsWithTheInclusionProbabilityWhenTrainingAndBackwardReusesTheMask()
    {
        var model = new DropoutNet(seed: 9);
        const int batch = 400;
        var x = new float[batch * 7];
        new RandomGenerator(4).FillNormal(x, 0, 1);

        model.Forward(x, batch, training: true);
        float[] before = model.Layer0Output.ToArray(), after = model.Layer1Output.ToArray();
        bool[] kept = before.Select((v, i) => after[i] == v).ToArray();
        Assert.All(before.Select((v, i) => after[i] == v || after[i] == 0f), Assert.True);
        Assert.InRange(kept.Count(k => k) / (double)kept.Length, 0.6 - 0.02, 0.6 + 0.02); // 13,200 draws: σ ≈ 0.004

        var g = new float[batch * 5];
        new RandomGenerator(5).FillNormal(g, 0, 1);
        var gradsWrtInputs = new float[x.Length];
        model.Backward(g, gradsWrtInputs);
        float[] gradsAtMask = new float[batch * 33];
        Mlp.Kernels.AffineKernel.BackwardInputs(g, model.Layer2Weights.Values, gradsAtMask, batch, 33, 5);
        for (int i = 0; i < gradsAtMask.Length; i++)
            gradsAtMask[i] = kept[i] ? gradsAtMask[i] : 0f;     // a dropped unit passes no gradient back
        var expected = new float[33 * 7];
        Mlp.Kernels.Products.Gemm.Multiply(gradsAtMask, 1, 33, x, expected, 33, 7, batch);
        GradientCheckTests.AssertClose(TestData.ToDouble(expected), model.Layer0Weights.Gradients.ToArray(), 1e-5, "layer0 weights");

        model.Forward(x, batch, training: true);
        Assert.NotEqual(after, model.Layer1Output.ToArray());                // a fresh mask per training pass
        var sameSeed = new DropoutNet(seed: 9);
        sameSeed.Forward(x, batch, training: true);
        Assert.Equal(after, sameSeed.Layer1Output.ToArray());               // the mask comes from the model's seeded generator
    }

    [Fact]
    public void TransferCopiesTheSourceLayersWeightsAndBiases()
    {
        var autoencoder = new MnistAutoencoder(seed: 1);
        new RandomGenerator(8).FillUniform(autoencoder.Layer0Biases.Values, -1, 1);
        var classifier = new PretrainableClassifier(seed: 2);
        float[] untouched = classifier.Layer2Weights.Values.ToArray();

        classifier.CopyLayer0From(autoencoder);

        Assert.Equal(autoencoder.Layer0Weights.Values.ToArray(), classifier.Layer0Weights.Values.ToArray());
        Assert.Equal(autoencoder.Layer0Biases.Values.ToArray(), classifier.Layer0Biases.Values.ToArray());
        Assert.Equal(untouched, classifier.Layer2Weights.Values.ToArray());
        Assert.Throws<ArgumentNullException>(() => classifier.CopyLayer0From(null!));
    }
}
