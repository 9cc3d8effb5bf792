using System.IO.Compression;

namespace Mlp.Tests.Shared;

/// <summary>Writers of small or hostile gzipped IDX files (MNIST's format), for the bad-file cases.</summary>
internal static class CraftedIdxFiles
{
    /// <summary>The header and bytes of an image file: magic, count, rows, columns, then <paramref name="pixels"/>.</summary>
    public static byte[] ImageFileContent(int count, int rows, int columns, byte[] pixels, int magic = 0x00000803) =>
        [.. BigEndianBytes(magic), .. BigEndianBytes(count), .. BigEndianBytes(rows), .. BigEndianBytes(columns), .. pixels];

    /// <summary>The header and bytes of a label file.</summary>
    public static byte[] LabelFileContent(int count, byte[] labels, int magic = 0x00000801) =>
        [.. BigEndianBytes(magic), .. BigEndianBytes(count), .. labels];

    /// <summary>Writes <paramref name="content"/> gzipped to <paramref name="path"/>.</summary>
    public static void WriteGzip(string path, byte[] content)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(content);
    }

    /// <summary>
    /// Writes <paramref name="header"/> then <paramref name="zeros"/> zero bytes, gzipped as they are made, so a file
    /// declaring hundreds of megabytes costs a few hundred kilobytes of disk and no large array.
    /// </summary>
    public static void WriteGzipOfZeros(string path, byte[] header, long zeros)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(header);
        var chunk = new byte[1 << 20];
        for (long left = zeros; left > 0; left -= chunk.Length)
            gzip.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
    }

    private static byte[] BigEndianBytes(int value) =>
        [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
