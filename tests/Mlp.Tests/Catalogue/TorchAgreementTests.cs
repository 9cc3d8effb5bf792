using System.Text.Json;

namespace Mlp.Tests.Catalogue;

/// <summary>
/// Each activation computes what its catalogue row's PyTorch module computes: Forward's outputs and Backward's
/// input gradients against torch/activations.json, made by torch/make_fixtures.py with PyTorch 1.13 (float32 both
/// sides). The generated model is Affine(9, 9) with identity weights and zero biases, then the activation.
/// </summary>
public sealed class TorchAgreementTests
{
    // float32 on both sides, with different exp and log implementations: a few units in the last place.
    private const double Relative = 1e-5, Absolute = 1e-6;

    private static readonly Dictionary<LayerKind, Func<IModel>> Models = new()
    {
        [LayerKind.Relu] = () => new TorchReluNet(seed: 1),
        [LayerKind.LeakyRelu] = () => new TorchLeakyReluNet(seed: 1),
        [LayerKind.Elu] = () => new TorchEluNet(seed: 1),
        [LayerKind.Sigmoid] = () => new TorchSigmoidNet(seed: 1),
        [LayerKind.Tanh] = () => new TorchTanhNet(seed: 1),
        [LayerKind.Softmax] = () => new TorchSoftmaxNet(seed: 1),
        [LayerKind.Selu] = () => new TorchSeluNet(seed: 1),
        [LayerKind.Softplus] = () => new TorchSoftplusNet(seed: 1),
    };

    private static readonly Lazy<TorchFixture> Fixture = new(() => JsonSerializer.Deserialize<TorchFixture>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalogue", "torch", "activations.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!);

    /// <summary>The activation rows: each has a PyTorch module computing the same.</summary>
    public static TheoryData<LayerKind> Activations =>
        new(LayerCatalogue.Rows.Where(r => r.Form == LayerForm.Activation).Select(r => r.Kind));

    [Theory]
    [MemberData(nameof(Activations))]
    public void ForwardAndBackwardAgreeWithThePyTorchModule(LayerKind kind)
    {
        LayerRow row = LayerCatalogue.Of(kind);
        TorchCase c = Assert.Single(Fixture.Value.Cases, c => c.Kind == kind.ToString());
        Assert.Equal(row.PyTorch.Module, c.Module);
        Assert.Equal(row.PyTorch.ArgumentName, c.ArgumentName);
        Assert.True(Models.TryGetValue(kind, out Func<IModel>? create), $"no agreement model for {kind}");

        IModel model = create();
        Assert.Equal([LayerKind.Affine, kind], model.Layers.Select(l => l.Kind));
        Assert.Equal((float)(c.Argument ?? 0), model.Layers[1].Argument);
        Parameter weights = model.Parameters[0];
        weights.Values.Clear();
        for (int i = 0; i < c.Width; i++)
            weights.Values[i * c.Width + i] = 1f;

        float[] outputs = model.Forward(c.Inputs, c.Batch).ToArray();
        var gradsWrtInputs = new float[c.Inputs.Length];
        model.Backward(c.GradsWrtOutputs, gradsWrtInputs);

        for (int i = 0; i < outputs.Length; i++)
            TestData.Close(c.Outputs[i], outputs[i], Relative, Absolute, $"{kind} output {i} (input {c.Inputs[i]:R})");
        for (int i = 0; i < gradsWrtInputs.Length; i++)
            TestData.Close(c.GradsWrtInputs[i], gradsWrtInputs[i], Relative, Absolute, $"{kind} input gradient {i} (input {c.Inputs[i]:R})");
    }

    [Fact]
    public void EveryCaseIsALayerKind() =>
        Assert.All(Fixture.Value.Cases, c => Assert.True(Enum.TryParse<LayerKind>(c.Kind, out _), c.Kind));

    private sealed record TorchFixture(string Torch, TorchCase[] Cases);

    private sealed record TorchCase(
        string Kind, string Module, string? ArgumentName, double? Argument, int Batch, int Width,
        float[] Inputs, float[] GradsWrtOutputs, float[] Outputs, float[] GradsWrtInputs);
}
