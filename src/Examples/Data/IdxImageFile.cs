using System.Buffers.Binary;
using System.IO.Compression;

namespace Mlp.Examples.Data;

/// <summary>
/// Reads a gzipped IDX image file (MNIST's format: big-endian magic <c>0x00000803</c>, then the image count, rows
/// and columns, then one unsigned byte per pixel) into floats <c>byte / 256</c>, as the course's data files hold them.
/// </summary>
/// <remarks>A minimal reader for the PCA part; the runtime's MNIST data provider replaces it once it exists.</remarks>
internal static class IdxImageFile
{
    private const int ImageMagic = 0x00000803;

    /// <summary>Reads every image of <paramref name="path"/>, row-major <c>(count, rows · columns)</c>.</summary>
    public static ImageSet Read(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        Span<byte> header = stackalloc byte[16];
        ReadExactly(gzip, header, path, "the 16-byte header");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != ImageMagic)
            throw new InvalidDataException($"{path}: magic number 0x{magic:X8} is not an IDX image file's 0x{ImageMagic:X8}.");
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        int rows = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
        int columns = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        if (count < 1 || rows < 1 || columns < 1 || (long)count * rows * columns > Array.MaxLength)
            throw new InvalidDataException($"{path}: implausible dimensions {count} × {rows} × {columns}.");

        var bytes = new byte[count * rows * columns];
        ReadExactly(gzip, bytes, path, $"{count} images of {rows} × {columns} pixels");
        var pixels = new float[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            pixels[i] = bytes[i] / 256f;
        return new ImageSet(pixels, count, rows, columns);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string what)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
                throw new InvalidDataException($"{path}: the file ends before {what} ({total} of {buffer.Length} bytes read).");
            total += read;
        }
    }
}
