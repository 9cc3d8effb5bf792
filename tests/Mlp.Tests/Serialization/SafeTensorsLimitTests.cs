using System.Buffers.Binary;
using System.Text;
using Mlp.Serialization;
using Mlp.Tests.Hostile;
using static Mlp.Tests.Serialization.SafeTensorsTestFiles;

namespace Mlp.Tests.Serialization;

/// <summary>
/// Hostile files that used to escape as other exceptions or cost gigabytes: lone surrogates, huge shapes, huge
/// tensor counts, and paths that are not regular files. Each must be a <see cref="SafeTensorsFormatException"/>
/// decided from the header's counts, before anything they ask for is read or allocated.
/// </summary>
public sealed class SafeTensorsLimitTests
{
    [Theory]
    [InlineData("{\"\\ud800\":{}}")]
    [InlineData("{\"__metadata__\":{\"format\":\"\\udc00\"}," + Weights + "," + Biases + "}")]
    public void ALoneSurrogateEscapeIsAFormatErrorNotAnInvalidOperation(string header)
    {
        byte[] file = Craft(header, header.StartsWith("{\"__", StringComparison.Ordinal) ? 32 : 0);
        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsSerializer.ReadMetadata(new MemoryStream(file)));
        Assert.Contains("not valid Unicode", e.Problem);
        AssertRejected(file, "not valid Unicode", null, Fresh);
    }

    [Fact]
    public void AHundredMegabyteHeaderOfOneHugeShapeIsRejectedFromItsLengthAlone()
    {
        // The file: one tensor whose shape lists 50 million dimensions, a 100 MB header in all.
        const long headerLength = 100_000_000;
        byte[] prefix = [.. LengthPrefix(headerLength), .. "{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":["u8];
        var stream = new GeneratedStream(prefix, "1,"u8.ToArray(), 8 + headerLength, budget: 2 << 20);
        var model = Fresh();
        float[] before = model.AllValues.ToArray();

        var e = Assert.Throws<SafeTensorsFormatException>(() => model.Load(stream));

        Assert.Contains("exceeds this library's limit of 1048576 bytes", e.Problem);
        Assert.Equal(8, stream.BytesRead);
        Assert.Equal(before, model.AllValues.ToArray());
    }

    [Fact]
    public void OneAndAHalfMillionZeroSizeTensorsAreRejectedFromTheHeaderLength()
    {
        byte[] tensor = "\"t\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"u8.ToArray();
        long headerLength = 1_500_000L * tensor.Length;
        var stream = new GeneratedStream([.. LengthPrefix(headerLength), (byte)'{'], tensor, 8 + headerLength, budget: 2 << 20);

        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsSerializer.ReadMetadata(stream));

        Assert.Contains("exceeds this library's limit", e.Problem);
        Assert.Equal(8, stream.BytesRead);
    }

    [Fact]
    public void MoreTensorsThanTheLimitAreRejectedWhileTheHeaderIsRead()
    {
        // Within the header limit, but more tensors than any of our models has: rejected at the 1,025th.
        var header = new StringBuilder("{");
        for (int i = 0; i < 2000; i++)
            header.Append(i == 0 ? "" : ",").Append($"\"t{i}\":{{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]}}");
        byte[] file = Craft(header.Append('}').ToString(), 0);

        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsSerializer.ReadMetadata(new MemoryStream(file)));

        Assert.Contains("more than 1024 tensors", e.Problem);
        AssertRejected(file, "more than 1024 tensors", null, Fresh);
    }

    [Fact]
    public void AShapeOfMoreThanEightDimensionsIsRejectedBeforeItIsStoredOrQuoted()
    {
        AssertRejected(Craft("{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[1,1,1,1,1,1,1,2,3],\"data_offsets\":[0,24]}," + Biases + "}", 32),
            "'shape' has 9 dimensions; at most 8 are allowed.", "layer0.weights", Fresh);

        // 300,000 dimensions of 1 fit in the header limit and describe 4 bytes: the message must not quote them.
        string shape = string.Join(",", Enumerable.Repeat("1", 300_000));
        byte[] file = Craft("{\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[" + shape + "],\"data_offsets\":[0,4]}}", 4);
        var model = Fresh();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<SafeTensorsFormatException>(() => model.Load(new MemoryStream(file)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal("'shape' has 300000 dimensions; at most 8 are allowed.", e.Problem);
        Assert.True(allocated < 16 << 20, $"rejecting a 600 KB header allocated {allocated:N0} bytes");
    }

    [Fact]
    public void AFolderIsAFormatErrorNamingItNotAnUnauthorizedAccess()
    {
        using var folder = new TempFolder();
        var load = Assert.Throws<SafeTensorsFormatException>(() => Fresh().Load(folder.Path));
        var metadata = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsSerializer.ReadMetadata(folder.Path));
        foreach (SafeTensorsFormatException e in new[] { load, metadata })
        {
            Assert.Equal(folder.Path, e.FileName);
            Assert.Contains("is a folder, not a file", e.Message);
        }
    }

    [Fact]
    public void ANamedPipeFailsAtOnceInsteadOfWaitingForAWriter()
    {
        using var folder = new TempFolder();
        string fifo = folder.File("pipe.safetensors");
        SpecialFiles.MakeFifo(fifo);

        Exception? thrown = SpecialFiles.ThrownWithin(10, fifo, () => Fresh().Load(fifo));

        var e = Assert.IsType<SafeTensorsFormatException>(thrown);
        Assert.Equal(fifo, e.FileName);
        Assert.Contains("not a regular file", e.Message);
    }

    [Fact]
    public void ASymbolicLinkLoopIsAFormatErrorNamingTheFile()
    {
        using var folder = new TempFolder();
        string loop = folder.File("loop.safetensors");
        SpecialFiles.MakeLinkLoop(loop);

        var e = Assert.Throws<SafeTensorsFormatException>(() => SafeTensorsSerializer.ReadMetadata(loop));

        Assert.Equal(loop, e.FileName);
        Assert.Contains("symbolic links loop", e.Message);
    }

    private static byte[] LengthPrefix(long length)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)length);
        return prefix;
    }
}
