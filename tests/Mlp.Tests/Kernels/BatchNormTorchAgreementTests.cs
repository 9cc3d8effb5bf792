using System.Text.Json;
using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>
/// <see cref="BatchNormKernel"/> against PyTorch's <c>nn.BatchNorm1d</c> (fixtures/batchnorm_torch.py wrote the JSON):
/// a training step's outputs and gradients, the running statistics after two steps with momentum 0.1 (PyTorch's
/// convention, the unbiased batch variance for the running variance), and an evaluation pass.
/// </summary>
public class BatchNormTorchAgreementTests
{
    private static readonly JsonElement Fixture = Load();

    private static int Batch => Fixture.GetProperty("batch").GetInt32();

    private static int Features => Fixture.GetProperty("features").GetInt32();

    private static float Momentum => Fixture.GetProperty("momentum").GetSingle();

    [Fact]
    public void TheFixtureUsesTheSameEpsilon()
    {
        Assert.Equal(BatchNormKernel.Epsilon, Fixture.GetProperty("eps").GetSingle());
    }

    [Fact]
    public void ATrainingStepGivesPyTorchsOutputsGradientsAndRunningStatistics()
    {
        Layer layer = Layer.Initial();
        JsonElement step = Fixture.GetProperty("train_step1");
        float[] inputs = Floats(step, "inputs"), gradsWrtOutputs = Floats(step, "grads_wrt_outputs");
        float[] outputs = layer.Train(inputs);

        float[] gradsWrtGamma = new float[Features], gradsWrtBeta = new float[Features], gradsWrtInputs = new float[inputs.Length];
        BatchNormKernel.BackwardParameters(gradsWrtOutputs, inputs, layer.Mean, layer.InverseStd, gradsWrtGamma, gradsWrtBeta, Batch, Features);
        BatchNormKernel.BackwardInputsTraining(gradsWrtOutputs, inputs, layer.Gamma, layer.Mean, layer.InverseStd, gradsWrtGamma, gradsWrtBeta,
            gradsWrtInputs, Batch, Features);

        AssertAgree(step, "outputs", outputs);
        AssertAgree(step, "grads_wrt_gamma", gradsWrtGamma);
        AssertAgree(step, "grads_wrt_beta", gradsWrtBeta);
        AssertAgree(step, "grads_wrt_inputs", gradsWrtInputs);
        AssertAgree(step, "running_mean", layer.RunningMean);
        AssertAgree(step, "running_var", layer.RunningVariance);
    }

    [Fact]
    public void TwoTrainingStepsThenEvaluationGivePyTorchsRunningStatisticsAndOutputs()
    {
        Layer layer = Layer.Initial();
        layer.Train(Floats(Fixture.GetProperty("train_step1"), "inputs"));
        JsonElement step2 = Fixture.GetProperty("train_step2");
        layer.Train(Floats(step2, "inputs"));
        AssertAgree(step2, "running_mean", layer.RunningMean);
        AssertAgree(step2, "running_var", layer.RunningVariance);

        JsonElement evaluation = Fixture.GetProperty("eval");
        float[] inputs = Floats(evaluation, "inputs"), outputs = new float[inputs.Length];
        BatchNormKernel.ForwardEvaluation(inputs, layer.Gamma, layer.Beta, layer.RunningMean, layer.RunningVariance, layer.Mean, layer.InverseStd,
            outputs, Batch, Features);
        AssertAgree(evaluation, "outputs", outputs);
    }

    /// <summary>The layer's parameters, running statistics and saved batch statistics, as the fixture starts them.</summary>
    private sealed record Layer(float[] Gamma, float[] Beta, float[] RunningMean, float[] RunningVariance, float[] Mean, float[] InverseStd)
    {
        public static Layer Initial()
        {
            JsonElement initial = Fixture.GetProperty("initial");
            return new Layer(Floats(initial, "gamma"), Floats(initial, "beta"), Floats(initial, "running_mean"), Floats(initial, "running_var"),
                new float[Features], new float[Features]);
        }

        public float[] Train(float[] inputs)
        {
            float[] outputs = new float[inputs.Length];
            BatchNormKernel.ForwardTraining(inputs, Gamma, Beta, RunningMean, RunningVariance, Mean, InverseStd, outputs, Batch, Features, Momentum);
            return outputs;
        }
    }

    private static void AssertAgree(JsonElement step, string name, float[] actual)
    {
        float[] expected = Floats(step, name);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            TestData.Close(expected[i], actual[i], 2e-5, 2e-5, $"{name}[{i}]");
    }

    private static float[] Floats(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(v => v.GetSingle())];

    private static JsonElement Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Kernels", "fixtures", "batchnorm_torch.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.Clone();
    }
}
