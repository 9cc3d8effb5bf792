using System.Buffers.Binary;
using System.Text;
using Mlp.Serialization;
using static Mlp.Tests.Serialization.SafeTensorsTestFiles;

namespace Mlp.Tests.Serialization;

/// <summary>
/// Crafted files that must be rejected with <see cref="SafeTensorsFormatException"/>, naming the tensor and the
/// problem, and never change the model: from a file, a seekable stream and a stream that cannot seek.
/// </summary>
public sealed class SafeTensorsHostileFileTests
{
    /// <summary>Header text, data bytes, a phrase of the expected problem, and the tensor at fault (if one is).</summary>
    public static TheoryData<string, int, string, string?> MalformedHeaders => new()
    {
        // JSON and overall shape
        { "{\"layer0.weights\":", 32, "not valid JSON", null },
        { "{" + Weights + "," + Biases + "} x", 32, "not valid JSON", null },
        { "{" + Weights + "," + Biases + ",}", 32, "not valid JSON", null },
        { " {" + Weights + "," + Biases + "}", 32, "does not start with '{'", null },
        { "[]", 32, "does not start with '{'", null },
        { "{" + Weights + "," + Weights + "," + Biases + "}", 32, "names 'layer0.weights' twice", "layer0.weights" },
        // a tensor's entry
        { "{\"layer0.weights\":5," + Biases + "}", 32, "not an object", "layer0.weights" },
        { "{\"layer0.weights\":{\"shape\":[2,3],\"data_offsets\":[0,24]}," + Biases + "}", 32, "no 'dtype'", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"data_offsets\":[0,24]}," + Biases + "}", 32, "no 'shape'", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2,3]}," + Biases + "}", 32, "no 'data_offsets'", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24],\"offset\":0}," + Biases + "}", 32, "unknown key 'offset'", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}," + Biases + "}", 32, "'dtype' is given twice", "layer0.weights" },
        // dtypes
        { "{\"layer0.weights\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,12]},\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", 20, "dtype is 'F16'; only F32", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]},\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[48,56]}}", 56, "dtype is 'F64'", "layer0.weights" },
        { "{" + Weights + ",\"layer0.biases\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[24,32]}}", 32, "dtype is 'I32'", "layer0.biases" },
        { "{" + Weights + ",\"layer0.biases\":{\"dtype\":\"f32\",\"shape\":[2],\"data_offsets\":[24,32]}}", 32, "dtype is 'f32'", "layer0.biases" },
        { "{" + Weights + ",\"layer0.biases\":{\"dtype\":4,\"shape\":[2],\"data_offsets\":[24,32]}}", 32, "'dtype' is a JSON number", "layer0.biases" },
        // shapes
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[-2,3],\"data_offsets\":[0,24]}," + Biases + "}", 32, "'shape' holds -2", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2.0,3],\"data_offsets\":[0,24]}," + Biases + "}", 32, "'shape' holds 2.0", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":\"2,3\",\"data_offsets\":[0,24]}," + Biases + "}", 32, "'shape' is a JSON string", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,4294967296],\"data_offsets\":[0,24]}," + Biases + "}", 32, "more elements than any file can hold", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[18446744073709551616],\"data_offsets\":[0,24]}," + Biases + "}", 32, "not a non-negative integer", "layer0.weights" },
        // offsets
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24,32]}," + Biases + "}", 32, "has 3 numbers, not 2", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[24,0]}," + Biases + "}", 32, "end before they begin", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]},\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[20,28]}}", 28, "needs 24 bytes of F32 data but its data_offsets [0, 20] span 20", "layer0.weights" },
        { "{" + Weights + ",\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[20,28]}}", 32, "overlaps that of tensor 'layer0.weights'", "layer0.biases" },
        { "{" + Weights + ",\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[28,36]}}", 36, "leaving bytes 24 to 28 of the data buffer unused", "layer0.biases" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[4,28]},\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[28,36]}}", 36, "leaving bytes 0 to 4", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[18446744073709551592,18446744073709551615]}," + Biases + "}", 32, "span 23", "layer0.weights" },
        { "{" + Weights + ",\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}}", 28, "cover 32 bytes of data but 28 bytes follow the header", null },
        { "{" + Weights + "," + Biases + "}", 40, "cover 32 bytes of data but 40 bytes follow the header", null },
        // metadata
        { "{\"__metadata__\":[\"pt\"]," + Weights + "," + Biases + "}", 32, "'__metadata__' is a JSON array, not an object of strings", null },
        { "{\"__metadata__\":{\"format\":1}," + Weights + "," + Biases + "}", 32, "entry 'format' is a JSON number, not a string", null },
        { "{\"__metadata__\":{},\"__metadata__\":{}," + Weights + "," + Biases + "}", 32, "names '__metadata__' twice", null },
        // does not fit the model
        { "{" + Weights + "," + Biases + ",\"layer1.weights\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[32,36]}}", 36, "the model has no such parameter (its parameter names are layer0.weights, layer0.biases)", "layer1.weights" },
        { "{" + Weights + "}", 24, "the model's parameter is missing from the file", "layer0.biases" },
        { "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "the model's parameter is missing from the file", "0.bias" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[3,2],\"data_offsets\":[0,24]}," + Biases + "}", 32, "it has shape [3, 2] but the model's parameter layer0.weights has shape [2, 3]", "layer0.weights" },
        { "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[6],\"data_offsets\":[0,24]}," + Biases + "}", 32, "it has shape [6] but", "layer0.weights" },
        { "{" + Weights + ",\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[24,36]}}", 36, "it has shape [3] but the model's parameter layer0.biases has shape [2]", "layer0.biases" },
        { "{" + Weights + ",\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[24,32]}}", 32, "it has shape [1, 2] but", "layer0.biases" },
        { "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}," + Biases + "}", 32, "no such parameter", "0.weight" },
        { "{\"__metadata__\":{\"mlp.architecture\":\"Affine(3, 2) -> Relu\"}," + Weights + "," + Biases + "}", 32, "architecture 'Affine(3, 2) -> Relu' but this model is 'Affine(3, 2)'", null },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public void MalformedOrMismatchedHeadersAreRejectedWithoutTouchingTheModel(string header, int dataBytes, string problem, string? tensor) =>
        AssertRejected(Craft(header, dataBytes), problem, tensor, Fresh);

    [Fact]
    public void TheValidBaseOfTheCraftedFilesLoads()
    {
        // Guards the cases above: each differs from this file in the one way it names.
        var model = Fresh();
        model.Load(new MemoryStream(Craft("{" + Weights + "," + Biases + "}", 32)));
        Assert.Equal([1f, 2, 3, 4, 5, 6], model.Layer0Weights.Values.ToArray());
        Assert.Equal([7f, 8], model.Layer0Biases.Values.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    public void FilesShorterThanTheLengthPrefixAreRejected(int length) =>
        AssertRejected(new byte[length], "fewer than the 8-byte header length", null, Fresh);

    [Fact]
    public void AHeaderLengthBeyondTheFileIsRejected()
    {
        byte[] file = Craft("{" + Weights + "," + Biases + "}", 32);
        ulong beyond = (ulong)file.Length - 8 + 1;
        BinaryPrimitives.WriteUInt64LittleEndian(file, beyond);
        AssertRejected(file, $"the header length {beyond} runs past the end of the file", null, Fresh);
    }

    [Theory]
    [InlineData(1_048_577UL)]
    [InlineData(100_000_001UL)]
    [InlineData(1UL << 40)]
    [InlineData(ulong.MaxValue)]
    public void AHeaderLengthBeyondTheFormatsLimitIsRejectedBeforeAnyAllocation(ulong length) =>
        AssertRejected(Craft("{" + Weights + "," + Biases + "}", 32, length), "exceeds this library's limit of 1048576 bytes", null, Fresh);

    [Fact]
    public void AForgedHeaderLengthOnAStreamOfUnknownLengthAllocatesOnlyWhatArrives()
    {
        // 1,000,000 is within the header limit, so only the stream running dry can expose it.
        byte[] file = Craft("{" + Weights + "," + Biases + "}", 32, headerLength: 1_000_000);
        var model = Fresh();
        model.Load(new MemoryStream(Craft("{" + Weights + "," + Biases + "}", 32)));  // warm up the code paths
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<SafeTensorsFormatException>(() => model.Load(new NonSeekableStream(file)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains($"the file ends after {file.Length - 8} of the 1000000 bytes of its header", e.Problem);
        Assert.True(allocated < 1 << 20, $"Rejecting the forged length allocated {allocated:N0} bytes.");
    }

    [Fact]
    public void AZeroHeaderLengthIsRejected() =>
        AssertRejected(Craft("", 0), "does not start with '{'", null, Fresh);

    [Fact]
    public void AHeaderThatIsNotUtf8IsRejected()
    {
        byte[] header = Encoding.UTF8.GetBytes("{\"layer0.weights\xff\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}," + Biases + "}");
        header[Array.IndexOf(header, (byte)0xC3)] = 0xFF;                   // \xff encodes as C3 BF: make it a lone FF BF
        AssertRejected(Craft(header, 32), "not valid UTF-8", null, Fresh);
    }

    [Fact]
    public void DataEndingEarlyOrWithBytesAfterItIsRejectedFromStreamsOfUnknownLength()
    {
        byte[] shortData = Craft("{" + Weights + "," + Biases + "}", 28);
        var e = Assert.Throws<SafeTensorsFormatException>(() => Fresh().Load(new NonSeekableStream(shortData)));
        Assert.Contains("the file ends after 28 of the 32 bytes of its data", e.Problem);

        byte[] trailing = Craft("{" + Weights + "," + Biases + "}", 33);
        e = Assert.Throws<SafeTensorsFormatException>(() => Fresh().Load(new NonSeekableStream(trailing)));
        Assert.Contains("bytes follow the 32 bytes of data", e.Problem);
    }

    [Fact]
    public void AnArchitectureMismatchLoadsWhenAllowed()
    {
        byte[] file = Craft("{\"__metadata__\":{\"mlp.architecture\":\"Affine(3, 2) -> Relu\"}," + Weights + "," + Biases + "}", 32);
        var model = Fresh();
        model.Load(new MemoryStream(file), requireSameArchitecture: false);
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], model.AllValues.ToArray());
    }

    [Fact]
    public void ALaterTensorsFaultLeavesEarlierMatchingTensorsUnloaded()
    {
        // The weights are valid and would load; the biases' shape is wrong. Nothing may be copied.
        var model = new SmallModel(seed: 9);
        float[] before = model.AllValues.ToArray();
        string header = "{\"0.weight\":{\"dtype\":\"F32\",\"shape\":[3,5],\"data_offsets\":[0,60]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[60,72]}," +
                        "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[72,96]},\"2.bias\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[96,108]}}";
        var e = Assert.Throws<SafeTensorsFormatException>(() => model.Load(new MemoryStream(Craft(header, 108))));
        Assert.Equal("2.bias", e.TensorName);
        Assert.Equal(before, model.AllValues.ToArray());
    }

    [Fact]
    public void AMissingFileIsAnIoErrorNotAFormatError()
    {
        using var folder = new TempFolder();
        Assert.Throws<FileNotFoundException>(() => Fresh().Load(folder.File("absent.safetensors")));
    }
}
