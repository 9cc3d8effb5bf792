using Mlp.Serialization;

namespace Mlp.Tests.Serialization;

/// <summary>
/// The files in <c>vectors/</c>, written byte by byte from the format's specification (see its README):
/// we must load them to the values they were made from, and write the same bytes for the same tensors.
/// </summary>
public sealed class SafeTensorsVectorTests
{
    private const string Sequential = "sequential_linear5x3_relu_linear3x2.safetensors";
    private const string Affine = "affine3x2_parameter_names_no_metadata.safetensors";

    private static readonly float[] Bias0 = [0.5f, -0.25f, 1.5f];
    private static readonly float[] Weight0 = [-1f, -0.875f, -0.75f, -0.625f, -0.5f, -0.375f, -0.25f, -0.125f, 0f, 0.125f, 0.25f, 0.375f, 0.5f, 0.625f, 0.75f];
    private static readonly float[] Bias2 = [-2f, 3.75f];
    private static readonly float[] Weight2 = [1f, -1f, 0.5f, -0.5f, 2f, 0.0625f];
    private static readonly float[] AffineBiases = [0.25f, -4f];
    private static readonly float[] AffineWeights = [1f, 2f, -3f, 0.375f, -0.0625f, 1024f];

    private static string Vector(string name) => Path.Combine(AppContext.BaseDirectory, "Serialization", "vectors", name);

    [Fact]
    public void APyTorchSequentialStateDictLoadsIntoTheMatchingModel()
    {
        var model = new SmallModel(seed: 1);                                // Affine(5, 3) -> Relu -> Affine(3, 2)
        model.Load(Vector(Sequential));
        Assert.Equal(Weight0, model.Parameters[0].Values.ToArray());
        Assert.Equal(Bias0, model.Parameters[1].Values.ToArray());
        Assert.Equal(Weight2, model.Parameters[2].Values.ToArray());
        Assert.Equal(Bias2, model.Parameters[3].Values.ToArray());
        Assert.Equal(new Dictionary<string, string> { ["format"] = "pt" }, SafeTensorsSerializer.ReadMetadata(Vector(Sequential)));
    }

    [Fact]
    public void AFileUnderParameterNamesWithoutMetadataLoads()
    {
        var model = new TinyModel(seed: 1);
        model.Load(Vector(Affine));
        Assert.Equal(AffineWeights, model.Layer0Weights.Values.ToArray());
        Assert.Equal(AffineBiases, model.Layer0Biases.Values.ToArray());
        Assert.Empty(SafeTensorsSerializer.ReadMetadata(Vector(Affine)));
    }

    [Fact]
    public void TheWriterReproducesTheSpecificationVectorsByteForByte()
    {
        // Given in model order (weights first): the writer must sort them by name as the reference does.
        NamedTensor[] sequential =
        [
            new("0.weight", [3, 5], Weight0), new("0.bias", [3], Bias0),
            new("2.weight", [2, 3], Weight2), new("2.bias", [2], Bias2),
        ];
        Assert.Equal(File.ReadAllBytes(Vector(Sequential)), Write(sequential, new Dictionary<string, string> { ["format"] = "pt" }));

        NamedTensor[] affine = [new("layer0.weights", [2, 3], AffineWeights), new("layer0.biases", [2], AffineBiases)];
        Assert.Equal(File.ReadAllBytes(Vector(Affine)), Write(affine, metadata: null));
    }

    [Fact]
    public void SavingALoadedVectorUnderPyTorchNamesKeepsItsTensorsAndData()
    {
        // Our file differs from the vector only in its metadata: the tensor entries and the data are the same bytes.
        var model = new SmallModel(seed: 1);
        model.Load(Vector(Sequential));
        var saved = new MemoryStream();
        model.Save(saved, SafeTensorsNaming.PyTorchSequential);

        byte[] vector = File.ReadAllBytes(Vector(Sequential));
        byte[] ours = saved.ToArray();
        Assert.Equal(vector[^104..], ours[^104..]);
        string vectorTensors = TensorEntries(vector), ourTensors = TensorEntries(ours);
        Assert.Equal(vectorTensors, ourTensors);
    }

    private static byte[] Write(NamedTensor[] tensors, Dictionary<string, string>? metadata)
    {
        var stream = new MemoryStream();
        SafeTensorsWriter.Write(stream, tensors, metadata);
        return stream.ToArray();
    }

    /// <summary>The header text from the first tensor entry on, padding trimmed.</summary>
    private static string TensorEntries(byte[] file)
    {
        int n = (int)BitConverter.ToUInt64(file, 0);
        string header = System.Text.Encoding.UTF8.GetString(file, 8, n).TrimEnd(' ');
        return header[header.IndexOf("\"0.bias\"", StringComparison.Ordinal)..];
    }
}
