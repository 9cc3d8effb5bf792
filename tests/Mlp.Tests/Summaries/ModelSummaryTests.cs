using Mlp.Tests.Generated;
using Mlp.Tests.Serialization;

namespace Mlp.Tests.Summaries;

/// <summary>The exact text of model summaries, with counts worked out by hand.</summary>
public sealed class ModelSummaryTests
{
    [Fact]
    public void TheAutoencodersSummaryListsLayersShapesAndCounts()
    {
        // 784·50 + 50 = 39,250 and 50·784 + 784 = 39,984; 79,234 floats are 316,936 bytes = 309.5 KiB.
        string expected =
            "Layer  Declaration      Output shape  Parameters\n" +
            "------------------------------------------------\n" +
            "input                   (batch, 784)\n" +
            "0      Affine(784, 50)  (batch, 50)       39,250\n" +
            "1      Relu             (batch, 50)            0\n" +
            "2      Affine(50, 784)  (batch, 784)      39,984\n" +
            "3      Sigmoid          (batch, 784)           0\n" +
            "================================================\n" +
            "Total parameters: 79,234 (309.5 KiB as float32)\n" +
            "Trainable parameters: 79,234\n" +
            "Frozen parameters: 0\n";
        Assert.Equal(expected, new MnistAutoencoder(seed: 1).Summary());
    }

    [Fact]
    public void FrozenParametersAreCountedApart()
    {
        var model = new MnistAutoencoder(seed: 1);
        model.Layer0Weights.IsFrozen = true;                               // 50·784 = 39,200 of 79,234
        string summary = model.Summary();
        Assert.EndsWith(
            "Total parameters: 79,234 (309.5 KiB as float32)\n" +
            "Trainable parameters: 40,034\n" +
            "Frozen parameters: 39,200\n", summary);
    }

    [Fact]
    public void EveryLayerKindIsDeclaredAsItsAttributeReads()
    {
        // 7·33+33 = 264, 33·12+12 = 408, 12·9+9 = 117, 9·9+9 = 90, 9·5+5 = 50, 5·3+3 = 18: 947 floats, 3,788 bytes = 3.7 KiB.
        string expected =
            "Layer  Declaration     Output shape  Parameters\n" +
            "-----------------------------------------------\n" +
            "input                  (batch, 7)\n" +
            "0      Dropout(0.8)    (batch, 7)             0\n" +
            "1      Affine(7, 33)   (batch, 33)          264\n" +
            "2      Relu            (batch, 33)            0\n" +
            "3      Affine(33, 12)  (batch, 12)          408\n" +
            "4      LeakyRelu(0.2)  (batch, 12)            0\n" +
            "5      Affine(12, 9)   (batch, 9)           117\n" +
            "6      Elu(0.7)        (batch, 9)             0\n" +
            "7      Affine(9, 9)    (batch, 9)            90\n" +
            "8      Tanh            (batch, 9)             0\n" +
            "9      Dropout(0.5)    (batch, 9)             0\n" +
            "10     Affine(9, 5)    (batch, 5)            50\n" +
            "11     Sigmoid         (batch, 5)             0\n" +
            "12     Affine(5, 3)    (batch, 3)            18\n" +
            "13     Softmax         (batch, 3)             0\n" +
            "===============================================\n" +
            "Total parameters: 947 (3.7 KiB as float32)\n" +
            "Trainable parameters: 947\n" +
            "Frozen parameters: 0\n";
        Assert.Equal(expected, new EveryLayerNet(seed: 1).Summary());
    }

    [Theory]
    [InlineData(LayerKind.Selu, "Selu")]
    [InlineData(LayerKind.Softplus, "Softplus")]
    public void TheCoursesOtherLayersAreDeclaredByName(LayerKind kind, string declaration)
    {
        IModel model = ModelRegistry.All().First(m => m.Layers.Any(l => l.Kind == kind));
        LayerInfo layer = model.Layers.First(l => l.Kind == kind);
        string row = $"{layer.Index,-5}  {declaration}";
        Assert.Contains(model.Summary().Split('\n'), line => line.StartsWith(row, StringComparison.Ordinal) && line.EndsWith($"(batch, {layer.OutputDim})            0", StringComparison.Ordinal));
    }

    [Fact]
    public void SmallModelsGiveTheirSizeInBytes()
    {
        string summary = new SingleAffine(seed: 1).Summary();              // 3·1 + 1 = 4 floats
        Assert.Contains("Total parameters: 4 (16 bytes as float32)\n", summary);
    }

    [Fact]
    public void ANullModelIsRejected() =>
        Assert.Throws<ArgumentNullException>("model", () => ModelSummary.Summary(null!));
}
