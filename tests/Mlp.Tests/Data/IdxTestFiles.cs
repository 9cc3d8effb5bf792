using System.IO.Compression;
using Mlp.Data;

namespace Mlp.Tests.Data;

/// <summary>
/// An independent, minimal IDX reader, for checking the runtime's decoding against the real files (the writers of
/// crafted files are <see cref="CraftedIdxFiles"/>).
/// </summary>
internal static class IdxTestFiles
{
    private static readonly Lazy<string> RealDirectory = new(() => MnistFiles.LocateDirectory());
    private static readonly Lazy<byte[]> TrainImagesFile = new(() => Gunzip(MnistFiles.TrainImages));
    private static readonly Lazy<byte[]> TrainLabelsFile = new(() => Gunzip(MnistFiles.TrainLabels));
    private static readonly Lazy<byte[]> TestImagesFile = new(() => Gunzip(MnistFiles.TestImages));
    private static readonly Lazy<byte[]> TestLabelsFile = new(() => Gunzip(MnistFiles.TestLabels));

    /// <summary>Image <paramref name="index"/> (in file order) of the training or test image file, as raw bytes.</summary>
    public static byte[] FileImage(bool trainingFile, int index)
    {
        byte[] raw = trainingFile ? TrainImagesFile.Value : TestImagesFile.Value;
        Assert.Equal(0x00000803, BigEndian(raw, 0));
        int count = BigEndian(raw, 4), rows = BigEndian(raw, 8), columns = BigEndian(raw, 12);
        Assert.InRange(index, 0, count - 1);
        return raw.AsSpan(16 + index * rows * columns, rows * columns).ToArray();
    }

    /// <summary>Label <paramref name="index"/> of the training or test label file.</summary>
    public static int FileLabel(bool trainingFile, int index)
    {
        byte[] raw = trainingFile ? TrainLabelsFile.Value : TestLabelsFile.Value;
        Assert.Equal(0x00000801, BigEndian(raw, 0));
        Assert.InRange(index, 0, BigEndian(raw, 4) - 1);
        return raw[8 + index];
    }

    public static int FileCount(bool trainingFile, bool labels) =>
        BigEndian(labels ? (trainingFile ? TrainLabelsFile.Value : TestLabelsFile.Value) : (trainingFile ? TrainImagesFile.Value : TestImagesFile.Value), 4);

    private static byte[] Gunzip(string name)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(RealDirectory.Value, name)), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static int BigEndian(byte[] raw, int offset) =>
        raw[offset] << 24 | raw[offset + 1] << 16 | raw[offset + 2] << 8 | raw[offset + 3];
}
