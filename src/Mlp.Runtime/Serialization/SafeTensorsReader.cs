using System.Buffers.Binary;

namespace Mlp.Serialization;

/// <summary>
/// Reads a safetensors stream's header and data without trusting its lengths: nothing is allocated for a
/// length that the stream has not been shown to hold.
/// </summary>
internal static class SafeTensorsReader
{
    /// <summary>
    /// The longest header read: 1 MiB. The reference implementation allows 100 MB, but parsing that much JSON
    /// costs gigabytes; a header of <see cref="SafeTensorsHeader.MaxTensors"/> tensors with generous names and
    /// metadata fits in a tenth of this.
    /// </summary>
    public const ulong MaxHeaderLength = 1 << 20;

    // Streams of unknown length are read in chunks, so a forged length costs at most this much before the stream ends.
    private const int Chunk = 1 << 16;

    /// <summary>The bytes from the stream's position to its end, or <see langword="null"/> if it cannot seek.</summary>
    public static long? Remaining(Stream stream) => stream.CanSeek ? Math.Max(0, stream.Length - stream.Position) : null;

    /// <summary>Reads the length prefix and the header, and parses it.</summary>
    /// <param name="stream">The stream, at the start of the file.</param>
    /// <param name="fileName">The file's name for messages.</param>
    /// <param name="dataLength">The bytes after the header when the stream's length is known, else <see langword="null"/>.</param>
    public static SafeTensorsHeader ReadHeader(Stream stream, string fileName, out long? dataLength)
    {
        long? remaining = Remaining(stream);
        Span<byte> prefix = stackalloc byte[8];
        int got = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (got < prefix.Length)
            throw new SafeTensorsFormatException(fileName, null, $"the file holds {got} bytes, fewer than the 8-byte header length that starts every safetensors file.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > MaxHeaderLength)
            throw new SafeTensorsFormatException(fileName, null, $"the header length {headerLength} exceeds this library's limit of {MaxHeaderLength} bytes (1 MiB).");
        if (remaining is long r && headerLength > (ulong)(r - 8))
            throw new SafeTensorsFormatException(fileName, null, $"the header length {headerLength} runs past the end of the file: only {r - 8} bytes follow it.");

        byte[] header = ReadExactly(stream, (long)headerLength, fileName, "header");
        dataLength = remaining - 8 - (long)headerLength;
        return SafeTensorsHeader.Parse(header, fileName);
    }

    /// <summary>
    /// Reads the data buffer of <paramref name="length"/> bytes (already checked against the model, so bounded)
    /// and checks that the stream ends with it.
    /// </summary>
    public static byte[] ReadData(Stream stream, long length, string fileName)
    {
        byte[] data = ReadExactly(stream, length, fileName, "data");
        if (stream.ReadByte() >= 0)
            throw new SafeTensorsFormatException(fileName, null, $"bytes follow the {length} bytes of data that the header's tensors cover.");
        return data;
    }

    private static byte[] ReadExactly(Stream stream, long length, string fileName, string what)
    {
        // Grow with what actually arrives rather than allocating the claimed length up front.
        byte[] buffer = new byte[Math.Min(length, Chunk)];
        long filled = 0;
        while (filled < length)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(length, (long)buffer.Length * 2));
            int n = stream.Read(buffer, (int)filled, buffer.Length - (int)filled);
            if (n == 0)
                throw new SafeTensorsFormatException(fileName, null, $"the file ends after {filled} of the {length} bytes of its {what}.");
            filled += n;
        }
        return buffer;
    }
}
