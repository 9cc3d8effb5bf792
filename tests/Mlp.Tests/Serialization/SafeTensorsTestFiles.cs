using System.Buffers.Binary;
using System.Text;
using Mlp.Serialization;

namespace Mlp.Tests.Serialization;

/// <summary>Crafts safetensors bytes and checks what loading them does to a model.</summary>
internal static class SafeTensorsTestFiles
{
    /// <summary>The tensors of a valid <see cref="TinyModel"/> file under parameter names (24 + 8 data bytes).</summary>
    public const string Weights = "\"layer0.weights\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}";

    /// <summary>The biases entry that goes with <see cref="Weights"/>.</summary>
    public const string Biases = "\"layer0.biases\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}";

    /// <summary>A fresh model of the shape <see cref="Weights"/> and <see cref="Biases"/> describe, its values from seed 5.</summary>
    public static TinyModel Fresh() => new(seed: 5);

    /// <summary>An 8-byte little-endian <paramref name="headerLength"/> (the header's own length unless given), the header, then <paramref name="dataBytes"/> bytes of data.</summary>
    public static byte[] Craft(string header, int dataBytes, ulong? headerLength = null) =>
        Craft(Encoding.UTF8.GetBytes(header), dataBytes, headerLength);

    /// <summary>As <see cref="Craft(string, int, ulong?)"/> with raw header bytes.</summary>
    public static byte[] Craft(byte[] header, int dataBytes, ulong? headerLength = null)
    {
        byte[] file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, headerLength ?? (ulong)header.Length);
        header.CopyTo(file, 8);
        for (int i = 0; i < dataBytes; i += 4)                      // float32 1, 2, 3, … little-endian
            if (i + 4 <= dataBytes) BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(8 + header.Length + i), i / 4 + 1);
        return file;
    }

    /// <summary>
    /// Loads <paramref name="file"/> into a fresh model from a seekable stream, a file and a stream that cannot
    /// seek, and asserts each is rejected with our exception, naming the file and <paramref name="tensor"/>, with
    /// <paramref name="problem"/> in the message where the stream's length is known, and the parameters unchanged.
    /// </summary>
    public static void AssertRejected<TModel>(byte[] file, string problem, string? tensor, Func<TModel> create)
        where TModel : IModel
    {
        SafeTensorsFormatException seekable = AssertRejectedFrom(create(), new MemoryStream(file), tensor);
        Assert.Equal("stream", seekable.FileName);
        Assert.Contains(problem, seekable.Problem);

        using (var folder = new TempFolder())
        {
            string path = folder.File("hostile.safetensors");
            File.WriteAllBytes(path, file);
            TModel model = create();
            float[] before = model.AllValues.ToArray();
            var e = Assert.Throws<SafeTensorsFormatException>(() => model.Load(path));
            Assert.Equal(before, model.AllValues.ToArray());
            Assert.Equal(path, e.FileName);
            Assert.StartsWith(path + ": ", e.Message);
            Assert.Equal(tensor, e.TensorName);
            Assert.Contains(problem, e.Problem);
        }

        // Without a known length some problems surface later (a short stream rather than a short file), but they are still ours.
        AssertRejectedFrom(create(), new NonSeekableStream(file), tensor: null, checkTensor: false);
    }

    private static SafeTensorsFormatException AssertRejectedFrom(IModel model, Stream stream, string? tensor, bool checkTensor = true)
    {
        float[] before = model.AllValues.ToArray();
        var e = Assert.Throws<SafeTensorsFormatException>(() => model.Load(stream));
        Assert.Equal(before, model.AllValues.ToArray());
        if (checkTensor)
        {
            Assert.Equal(tensor, e.TensorName);
            if (tensor is not null) Assert.Contains($"tensor '{tensor}'", e.Message);
        }
        return e;
    }
}

/// <summary>A read-only stream over bytes that cannot seek or tell its length, like a pipe or a network stream.</summary>
internal sealed class NonSeekableStream(byte[] bytes) : Stream
{
    private readonly MemoryStream _inner = new(bytes, writable: false);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
    public override int Read(Span<byte> buffer) => _inner.Read(buffer);
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>Passes writes through until <paramref name="limit"/> bytes have gone, then fails like a full disk.</summary>
internal sealed class FailingStream(Stream inner, long limit) : Stream
{
    private long _written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        long room = limit - _written;
        if (buffer.Length > room)
        {
            inner.Write(buffer[..(int)room]);
            _written = limit;
            throw new IOException("No space left on device (simulated).");
        }
        inner.Write(buffer);
        _written += buffer.Length;
    }
}
