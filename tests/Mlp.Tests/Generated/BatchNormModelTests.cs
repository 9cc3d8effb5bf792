using Mlp.Serialization;
using Mlp.Tests.Serialization;

namespace Mlp.Tests.Generated;

/// <summary>Smooth throughout, so central differences of the float model are accurate: BatchNorm first and between layers.</summary>
[BatchNorm] [Affine(7, 9)] [BatchNorm(0.3f)] [Tanh] [Affine(9, 5)]
public partial class SmoothBatchNormNet;

/// <summary>
/// Generated BatchNorm layers: their start (gamma 1, beta 0, running mean 0, variance 1), the training switch, the
/// training-mode gradients through the model, batches of one, their state in safetensors under both namings.
/// (Evaluation-mode gradients and the forward pass are in <see cref="GradientCheckTests"/>, via BatchNormNet.)
/// </summary>
public sealed class BatchNormModelTests
{
    [Fact]
    public void ANewModelStartsFromPyTorchsValuesAndNamesItsTensorsPerLayer()
    {
        var model = new SmoothBatchNormNet(seed: 1);
        Assert.All(model.Layer0Gamma.Values.ToArray(), v => Assert.Equal(1f, v));
        Assert.All(model.Layer2Beta.Values.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(model.Layer0RunningMean.Values.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(model.Layer2RunningVariance.Values.ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal(["layer0.gamma", "layer0.beta", "layer1.weights", "layer1.biases", "layer2.gamma", "layer2.beta", "layer4.weights", "layer4.biases"],
            model.Parameters.Select(p => p.Name));
        Assert.Equal(["layer0.running_mean", "layer0.running_var", "layer2.running_mean", "layer2.running_var"], model.StateTensors.Select(t => t.Name));
        Assert.Equal(SmoothBatchNormNet.StateCount, model.AllState.Length);
        Assert.Equal(7 + 7 + 9 + 9, SmoothBatchNormNet.StateCount);
        Assert.Equal("BatchNorm(0.1) -> Affine(7, 9) -> BatchNorm(0.3) -> Tanh -> Affine(9, 5)", SmoothBatchNormNet.Architecture);
    }

    [Fact]
    public void TheSummaryCountsGammaAndBetaAsParametersAndTheRunningStatisticsAsState()
    {
        string summary = new SmoothBatchNormNet(seed: 16).Summary();
        string row = summary.Split('\n').Single(line => line.StartsWith("0 ", StringComparison.Ordinal));
        Assert.Contains("BatchNorm(0.1)", row);
        Assert.EndsWith(" 14", row);                                     // gamma and beta, 7 each
        Assert.Contains("Total parameters: 154 (616 bytes as float32)\n", summary);
        Assert.Contains("State (not trained): 32 values (128 bytes as float32)\n", summary);
        Assert.DoesNotContain("State", new SmallModel(seed: 1).Summary());
    }

    [Fact]
    public void TrainingMovesTheRunningStatisticsAndEvaluationReadsThem()
    {
        var model = new SmoothBatchNormNet(seed: 2);
        float[] x = TestData.Uniform(6 * 7, -1, 3, seed: 3);
        float[] evaluated = model.Forward(x, 6).ToArray();
        float[] state = model.AllState.ToArray();
        model.Forward(x, 6);
        Assert.Equal(state, model.AllState.ToArray());

        model.Forward(x, 6, training: true);
        for (int j = 0; j < 7; j++)
        {
            double mean = Enumerable.Range(0, 6).Average(r => x[r * 7 + j]);
            TestData.Close(0.1 * mean, model.Layer0RunningMean.Values[j], 1e-5, 1e-6, $"running mean {j}");
        }
        Assert.NotEqual(evaluated, model.Forward(x, 6).ToArray());
    }

    [Fact]
    public void TrainingModeGradientsMatchCentralDifferencesThroughTheModel()
    {
        const int batch = 6;
        var model = new SmoothBatchNormNet(seed: 4);
        var random = new RandomGenerator(5);
        foreach (Parameter p in model.Parameters.Where(p => p.Kind is ParameterKind.Gamma or ParameterKind.Beta or ParameterKind.Biases))
            random.FillUniform(p.Values, 0.5, 1.5);
        float[] x = TestData.Uniform(batch * 7, -2, 2, seed: 6), g = TestData.Uniform(batch * 5, -1, 1, seed: 7);
        model.Forward(x, batch, training: true);
        float[] gradsWrtInputs = new float[x.Length];
        model.Backward(g, gradsWrtInputs);
        float[] gradients = model.AllGradients.ToArray();

        double Loss()
        {
            ReadOnlySpan<float> y = model.Forward(x, batch, training: true);
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += (double)g[i] * y[i];
            return sum;
        }
        GradientCheckTests.AssertClose(TestData.CentralDifferences(model.AllValues, 1e-2f, Loss), gradients, 2e-3, "parameter gradients");
        GradientCheckTests.AssertClose(TestData.CentralDifferences(x.AsSpan(), 1e-2f, Loss), gradsWrtInputs, 2e-3, "input gradient");
    }

    [Fact]
    public void ATrainingStepAndAnEvaluationAllocateNothing()
    {
        var model = new BatchNormNet(seed: 13);
        float[] x = TestData.Uniform(50 * 7, -1, 1, seed: 14), g = TestData.Uniform(50 * 5, -1, 1, seed: 15), gradsWrtInputs = new float[x.Length];
        Allocations.AssertNone(() =>
        {
            model.Forward(x, 50, training: true);
            model.Backward(g, gradsWrtInputs);
            model.Forward(x, 50);
            model.Backward(g);
        });
    }

    [Fact]
    public void TrainingOnOneExampleNamesTheBatchSizeAndLeavesTheModelUsable()
    {
        var model = new SmoothBatchNormNet(seed: 8);
        float[] x = TestData.Uniform(7, -1, 1, seed: 9);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => model.Forward(x, 1, training: true));
        Assert.Equal("batchSize", ex.ParamName);
        Assert.Equal(5, model.Forward(x, 1).Length);
    }

    [Fact]
    public void PyTorchNamingSavesTheRunningStatisticsAsBatchNorm1dNamesThemAndSkipsItsBatchCounters()
    {
        var saved = new SmoothBatchNormNet(seed: 10);
        saved.Forward(TestData.Uniform(8 * 7, -1, 1, seed: 11), 8, training: true);
        var stream = new MemoryStream();
        saved.Save(stream, SafeTensorsNaming.PyTorchSequential);
        string header = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        foreach (string name in new[] { "0.weight", "0.bias", "0.running_mean", "0.running_var", "2.running_mean", "2.running_var", "4.weight" })
            Assert.Contains($"\"{name}\"", header);

        var loaded = new SmoothBatchNormNet(seed: 12);
        loaded.Load(new MemoryStream(SafeTensorsStateTests.WithBatchCounter(saved, "2.num_batches_tracked", SafeTensorsNaming.PyTorchSequential)));
        Assert.Equal(saved.AllState.ToArray(), loaded.AllState.ToArray());
        Assert.Equal(saved.AllValues.ToArray(), loaded.AllValues.ToArray());
    }
}
