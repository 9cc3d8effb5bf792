using Mlp.Data;
using Mlp.Tests.Hostile;

namespace Mlp.Tests.Data;

/// <summary>
/// MNIST files crafted to escape the checks: counts that overflow, gzip trailers cut or followed by bytes, paths
/// that are not regular files, and image counts that disagree with the labels. Each must be a
/// <see cref="DataFileException"/> naming the file at fault, decided before the data it declares is decoded.
/// </summary>
public sealed class MnistHostileFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string ImagesPath => _folder.File(MnistFiles.TestImages);
    private string LabelsPath => _folder.File(MnistFiles.TestLabels);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TwoHundredTwentyMillionLabelsAreAShapeErrorNotAnOverflow()
    {
        // The file: a label file declaring 220,000,000 labels (and holding them, all zero), a few hundred KB gzipped.
        const int count = 220_000_000;
        CraftedIdxFiles.WriteGzipOfZeros(LabelsPath, CraftedIdxFiles.LabelFileContent(count, []), count);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFileException>(() => IdxFileReader.ReadLabels(LabelsPath, MnistData.NumClasses));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DataFileProblem.UnexpectedShape, e.Problem);
        Assert.Equal(LabelsPath, e.FilePath);
        Assert.Contains("220,000,000 labels", e.Message);
        Assert.True(allocated < 10 << 20, $"rejecting the file allocated {allocated:N0} bytes");
    }

    [Fact]
    public void ALoadOfTheSetComparesTheHeadersBeforeDecodingAnything()
    {
        // 300,000 blank images (235 MB decoded) against the test set's 10,000 labels: the images are the wrong file.
        CraftedIdxFiles.WriteGzipOfZeros(ImagesPath, CraftedIdxFiles.ImageFileContent(300_000, 28, 28, []), 300_000L * 784);
        WriteLabels(10_000);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFileException>(() => MnistData.Load(MnistSet.Test, _folder.Path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(DataFileProblem.CountMismatch, e.Problem);
        Assert.Equal(ImagesPath, e.FilePath);
        Assert.Contains("300000 images", e.Message);
        Assert.Contains("10000 labels", e.Message);
        Assert.True(allocated < 10 << 20, $"the images were decoded before the counts were compared ({allocated:N0} bytes allocated)");
    }

    [Fact]
    public void ALabelCountBeyondTheSetIsRejectedFromTheHeaderOfAValidImageFile()
    {
        WriteImages(10_000);
        CraftedIdxFiles.WriteGzip(LabelsPath, CraftedIdxFiles.LabelFileContent(220_000_000, new byte[100]));

        var e = Assert.Throws<DataFileException>(() => MnistData.Load(MnistSet.Test, _folder.Path));

        Assert.Equal(DataFileProblem.CountMismatch, e.Problem);
        Assert.Equal(LabelsPath, e.FilePath);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void AFileCutInsideItsGzipTrailerIsTruncated(int cut)
    {
        WriteLabels(5);
        byte[] whole = File.ReadAllBytes(LabelsPath);
        File.WriteAllBytes(LabelsPath, whole[..^cut]);

        var e = Assert.Throws<DataFileException>(() => IdxFileReader.ReadLabels(LabelsPath, MnistData.NumClasses));

        Assert.Equal(DataFileProblem.Truncated, e.Problem);
        Assert.Contains("gzip trailer", e.Message);
    }

    [Theory]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42, 0x42 })]
    public void BytesAfterTheGzipDataAreRejected(byte[] trailing)
    {
        WriteImages(2);
        File.AppendAllBytes(ImagesPath, trailing);

        var e = Assert.Throws<DataFileException>(() => IdxFileReader.ReadImages(ImagesPath, 28, 28));

        Assert.Contains(e.Problem, new[] { DataFileProblem.ExtraData, DataFileProblem.CorruptCompression });
        Assert.Equal(ImagesPath, e.FilePath);
    }

    [Fact]
    public void ATrailerThatDoesNotMatchTheDataIsCorrupt()
    {
        WriteLabels(5);
        byte[] file = File.ReadAllBytes(LabelsPath);
        file[^1] ^= 0x01;   // the length's top byte: the data still decompresses completely
        File.WriteAllBytes(LabelsPath, file);

        var e = Assert.Throws<DataFileException>(() => IdxFileReader.ReadLabels(LabelsPath, MnistData.NumClasses));

        Assert.Equal(DataFileProblem.CorruptCompression, e.Problem);
    }

    [Fact]
    public void ANamedPipeInPlaceOfAFileFailsAtOnce()
    {
        WriteImages(10_000);
        SpecialFiles.MakeFifo(LabelsPath);

        Exception? thrown = SpecialFiles.ThrownWithin(10, LabelsPath, () => MnistData.Load(MnistSet.Test, _folder.Path));

        var e = Assert.IsType<DataFileException>(thrown);
        Assert.Equal(DataFileProblem.Unreadable, e.Problem);
        Assert.Equal(LabelsPath, e.FilePath);
        Assert.Contains("not a regular file", e.Message);
    }

    [Fact]
    public void ASymbolicLinkLoopIsADataFileException()
    {
        WriteLabels(10_000);
        SpecialFiles.MakeLinkLoop(ImagesPath);

        var e = Assert.Throws<DataFileException>(() => MnistData.Load(MnistSet.Test, _folder.Path));

        Assert.Equal(DataFileProblem.Unreadable, e.Problem);
        Assert.Equal(ImagesPath, e.FilePath);
        Assert.Contains("symbolic links loop", e.Message);
    }

    [Fact]
    public void AFolderInPlaceOfAFileIsUnreadable()
    {
        WriteImages(10_000);
        Directory.CreateDirectory(LabelsPath);

        var e = Assert.Throws<DataFileException>(() => MnistData.Load(MnistSet.Test, _folder.Path));

        Assert.Equal(DataFileProblem.Unreadable, e.Problem);
        Assert.Contains("is a folder", e.Message);
    }

    private void WriteImages(int count) =>
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(count, 28, 28, new byte[count * 784]));

    private void WriteLabels(int count) =>
        CraftedIdxFiles.WriteGzip(LabelsPath, CraftedIdxFiles.LabelFileContent(count, new byte[count]));
}
