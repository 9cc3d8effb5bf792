using System.Buffers.Binary;
using System.Text;
using Mlp.Serialization;

namespace Mlp.Tests.Serialization;

/// <summary>Saving and loading whole models: round trips under both namings, the layout of what is written, metadata.</summary>
public sealed class SafeTensorsRoundTripTests
{
    [Theory]
    [InlineData(SafeTensorsNaming.Parameters)]
    [InlineData(SafeTensorsNaming.PyTorchSequential)]
    public void AModelSavedToAFileLoadsIntoAnotherWithTheSameParametersAndOutputs(SafeTensorsNaming naming)
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        var trained = new EveryLayerNet(seed: 1);
        var fresh = new EveryLayerNet(seed: 2);
        Assert.NotEqual(trained.AllValues.ToArray(), fresh.AllValues.ToArray());

        trained.Save(path, naming);
        fresh.Load(path);

        Assert.Equal(trained.AllValues.ToArray(), fresh.AllValues.ToArray());
        float[] x = TestData.Uniform(4 * EveryLayerNet.InputDim, -2, 2, seed: 3);
        Assert.Equal(trained.Forward(x, 4).ToArray(), fresh.Forward(x, 4).ToArray());
        Assert.Equal(["model.safetensors"], folder.Entries());
    }

    [Fact]
    public void StreamsRoundTripAndNeedNotSeek()
    {
        var trained = new WideModel(seed: 4);
        var stream = new MemoryStream();
        trained.Save(stream, SafeTensorsNaming.PyTorchSequential);
        var fresh = new WideModel(seed: 5);
        fresh.Load(new NonSeekableStream(stream.ToArray()));
        Assert.Equal(trained.AllValues.ToArray(), fresh.AllValues.ToArray());
    }

    [Fact]
    public void SpecialFloatValuesSurviveTheRoundTrip()
    {
        var model = new TinyModel(seed: 1);
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, float.Epsilon, float.MaxValue, -float.MinValue, 1e-40f];
        special.CopyTo(model.AllValues);
        var stream = new MemoryStream();
        model.Save(stream);
        var copy = new TinyModel(seed: 2);
        copy.Load(new MemoryStream(stream.ToArray()));
        Assert.Equal(special.Select(BitConverter.SingleToInt32Bits), copy.AllValues.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void TheFileIsLaidOutAsTheSpecificationSays()
    {
        var model = new TinyModel(seed: 1);
        float[] weights = [1f, -2f, 0.5f, 3f, -0.25f, 8f], biases = [0.125f, -1f];
        weights.CopyTo(model.Layer0Weights.Values);
        biases.CopyTo(model.Layer0Biases.Values);
        var stream = new MemoryStream();
        model.Save(stream, SafeTensorsNaming.PyTorchSequential);
        byte[] file = stream.ToArray();

        string expected =
            "{\"__metadata__\":{\"format\":\"pt\",\"mlp.architecture\":\"Affine(3, 2)\",\"mlp.version\":\"" + SafeTensorsSerializer.LibraryVersion + "\"}," +
            "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}," +
            "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[8,32]}}";
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0UL, n % 8);
        Assert.InRange((long)n - Encoding.UTF8.GetByteCount(expected), 0, 7);
        Assert.Equal(expected.PadRight((int)n), Encoding.UTF8.GetString(file, 8, (int)n));
        Assert.Equal(8 + (int)n + 32, file.Length);
        float[] data = new float[8];
        for (int i = 0; i < 8; i++)
            data[i] = BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(8 + (int)n + 4 * i));
        Assert.Equal(biases.Concat(weights), data);                        // "0.bias" sorts before "0.weight"
    }

    [Fact]
    public void TheMetadataRecordsTheFormatArchitectureAndLibraryVersion()
    {
        using var folder = new TempFolder();
        var model = new EveryLayerNet(seed: 1);
        model.Save(folder.File("own.safetensors"));
        model.Save(folder.File("torch.safetensors"), SafeTensorsNaming.PyTorchSequential);

        string architecture = "Dropout(0.8) -> Affine(7, 33) -> Relu -> Affine(33, 12) -> LeakyRelu(0.2) -> Affine(12, 9) -> Elu(0.7) -> " +
                              "Affine(9, 9) -> Tanh -> Dropout(0.5) -> Affine(9, 5) -> Sigmoid -> Affine(5, 3) -> Softmax";
        string version = typeof(IModel).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.Equal(new Dictionary<string, string> { ["format"] = "mlp", ["mlp.architecture"] = architecture, ["mlp.version"] = version },
            SafeTensorsSerializer.ReadMetadata(folder.File("own.safetensors")));
        Assert.Equal("pt", SafeTensorsSerializer.ReadMetadata(folder.File("torch.safetensors"))["format"]);
    }

    [Fact]
    public void TensorNamesFollowTheChosenNaming()
    {
        var model = new Generated.PretrainableClassifier(seed: 1);                // Affine at layers 0, 2 and 4
        Assert.Equal(["layer0.biases", "layer0.weights", "layer2.biases", "layer2.weights", "layer4.biases", "layer4.weights"], Names(model, SafeTensorsNaming.Parameters));
        Assert.Equal(["0.bias", "0.weight", "2.bias", "2.weight", "4.bias", "4.weight"], Names(model, SafeTensorsNaming.PyTorchSequential));
    }

    [Fact]
    public void SaveReplacesAnExistingFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        File.WriteAllText(path, "an older, longer file that is not a model at all, and will be replaced entirely");
        var model = new TinyModel(seed: 3);
        model.Save(path);
        var copy = new TinyModel(seed: 4);
        copy.Load(path);
        Assert.Equal(model.AllValues.ToArray(), copy.AllValues.ToArray());
        Assert.Equal(["model.safetensors"], folder.Entries());
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        var model = new TinyModel(seed: 1);
        Assert.Throws<ArgumentNullException>("model", () => SafeTensorsSerializer.Save(null!, new MemoryStream()));
        Assert.Throws<ArgumentNullException>("stream", () => model.Save((Stream)null!));
        Assert.Throws<ArgumentOutOfRangeException>("naming", () => model.Save(new MemoryStream(), (SafeTensorsNaming)7));
        Assert.Throws<ArgumentException>("path", () => model.Load(""));
        Assert.Throws<ArgumentNullException>("stream", () => model.Load((Stream)null!));
    }

    private static string[] Names(IModel model, SafeTensorsNaming naming)
    {
        var stream = new MemoryStream();
        model.Save(stream, naming);
        byte[] file = stream.ToArray();
        using var header = System.Text.Json.JsonDocument.Parse(file.AsMemory(8, (int)BitConverter.ToUInt64(file, 0)));
        return header.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != "__metadata__").ToArray();
    }
}
