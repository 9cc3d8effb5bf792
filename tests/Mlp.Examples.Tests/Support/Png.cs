using System.Buffers.Binary;
using SkiaSharp;

namespace Mlp.Examples.Tests.Support;

/// <summary>Reads what the tests check in a PNG, independently of the code that wrote it.</summary>
public static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks the 8-byte signature and that the first chunk is IHDR; returns the width and height it declares.</summary>
    public static (int Width, int Height) Dimensions(byte[] png)
    {
        Assert.True(png.Length > 33, $"a PNG is at least 33 bytes, got {png.Length}");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>Decodes the whole image (SkiaSharp, which ScottPlot brings along) to read its pixels.</summary>
    public static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidDataException("The PNG does not decode.");

    /// <summary>How many pixels differ between two decoded images of the same size.</summary>
    public static int DifferentPixels(byte[] first, byte[] second)
    {
        using SKBitmap a = Decode(first), b = Decode(second);
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        int count = 0;
        for (int y = 0; y < a.Height; y++)
            for (int x = 0; x < a.Width; x++)
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                    count++;
        return count;
    }
}
