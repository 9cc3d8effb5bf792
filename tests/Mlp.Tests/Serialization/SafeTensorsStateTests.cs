using System.Buffers.Binary;
using System.Text;
using Mlp.Serialization;

namespace Mlp.Tests.Serialization;

/// <summary>State tensors (BatchNorm's running statistics) are saved beside the parameters and loaded back; PyTorch's batch counters are skipped beside them only.</summary>
public sealed class SafeTensorsStateTests
{
    [Fact]
    public void StateTensorsAreSavedAfterTheParametersUnderTheirOwnNamesAndLoadBack()
    {
        var saved = new StatefulModel(seed: 1);
        var stream = new MemoryStream();
        saved.Save(stream);
        string header = Header(stream.ToArray());
        Assert.Contains("\"layer1.running_mean\":{\"dtype\":\"F32\",\"shape\":[3]", header);
        Assert.Contains("\"layer1.running_var\":{\"dtype\":\"F32\",\"shape\":[3]", header);

        var loaded = new StatefulModel(seed: 2);
        Assert.NotEqual(saved.AllState.ToArray(), loaded.AllState.ToArray());
        loaded.Load(new MemoryStream(stream.ToArray()));
        Assert.Equal(saved.AllState.ToArray(), loaded.AllState.ToArray());
        Assert.Equal(saved.AllValues.ToArray(), loaded.AllValues.ToArray());
    }

    [Fact]
    public void AFileWithoutTheStateNamesTheMissingStateTensor()
    {
        var stream = new MemoryStream();
        new SmallModel(seed: 1).Save(stream);
        var model = new StatefulModel(seed: 2);
        float[] before = model.AllValues.ToArray();
        var ex = Assert.Throws<SafeTensorsFormatException>(() => model.Load(new MemoryStream(stream.ToArray()), requireSameArchitecture: false));
        Assert.Equal("layer1.running_mean", ex.TensorName);
        Assert.Contains("the model's state tensor is missing from the file", ex.Message);
        Assert.Equal(before, model.AllValues.ToArray());
    }

    [Fact]
    public void ABatchCounterBesideARunningMeanIsSkipped()
    {
        var saved = new StatefulModel(seed: 3);
        byte[] file = WithBatchCounter(saved, "layer1.num_batches_tracked");
        var loaded = new StatefulModel(seed: 4);
        loaded.Load(new MemoryStream(file));
        Assert.Equal(saved.AllState.ToArray(), loaded.AllState.ToArray());
    }

    [Theory]
    [InlineData("layer0.num_batches_tracked")]   // beside no running mean
    [InlineData("layer1.num_batches")]           // not a batch counter's name: I64 is refused
    public void OtherI64TensorsAreRefused(string name)
    {
        byte[] file = WithBatchCounter(new StatefulModel(seed: 5), name);
        var ex = Assert.Throws<SafeTensorsFormatException>(() => new StatefulModel(seed: 6).Load(new MemoryStream(file)));
        Assert.Equal(name, ex.TensorName);
    }

    /// <summary>The model's file with an I64 scalar named <paramref name="name"/> appended, as PyTorch's state dicts carry num_batches_tracked.</summary>
    internal static byte[] WithBatchCounter(IModel model, string name, SafeTensorsNaming naming = SafeTensorsNaming.Parameters)
    {
        var stream = new MemoryStream();
        model.Save(stream, naming);
        byte[] original = stream.ToArray();
        string header = Header(original).TrimEnd();
        long dataLength = original.Length - 8 - (long)BinaryPrimitives.ReadUInt64LittleEndian(original);
        string extended = header[..^1] + $",\"{name}\":{{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[{dataLength},{dataLength + 8}]}}}}";
        byte[] headerBytes = Encoding.UTF8.GetBytes(extended);
        var result = new MemoryStream();
        result.Write(BitConverter.GetBytes((ulong)headerBytes.Length));
        result.Write(headerBytes);
        result.Write(original.AsSpan(original.Length - (int)dataLength));
        result.Write(BitConverter.GetBytes(7L));
        return result.ToArray();
    }

    private static string Header(byte[] file) => Encoding.UTF8.GetString(file, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(file));
}
