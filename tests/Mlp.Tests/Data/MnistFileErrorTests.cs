using Mlp.Data;

namespace Mlp.Tests.Data;

/// <summary>Every way an MNIST file can be wrong, each with a small crafted file in a folder of its own.</summary>
public sealed class MnistFileErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string ImagesPath => _folder.File(MnistFiles.TestImages);
    private string LabelsPath => _folder.File(MnistFiles.TestLabels);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void MissingFileSaysWhereItLookedAndAboutMlpDataDir()
    {
        var e = LoadFails(DataFileProblem.Missing, ImagesPath);
        Assert.Contains(_folder.Path, e.Message);
        Assert.Contains("MLP_DATA_DIR", e.Message);

        WriteImages(3);
        var labels = LoadFails(DataFileProblem.Missing, LabelsPath);
        Assert.Contains("MLP_DATA_DIR", labels.Message);
    }

    [Fact]
    public void UncompressedContentIsNotGzip()
    {
        File.WriteAllBytes(ImagesPath, CraftedIdxFiles.ImageFileContent(1, 28, 28, new byte[784]));
        WriteLabels(1);

        var e = LoadFails(DataFileProblem.NotGzip, ImagesPath);
        Assert.Contains("gzip", e.Message);
        Assert.Contains("00000803", e.Message); // what the file starts with
    }

    [Fact]
    public void EmptyFileIsNotGzip()
    {
        File.WriteAllBytes(ImagesPath, []);
        WriteLabels(1);

        Assert.Contains("empty", LoadFails(DataFileProblem.NotGzip, ImagesPath).Message);
    }

    [Fact]
    public void GarbageAfterTheGzipSignatureIsCorruptCompression()
    {
        File.WriteAllBytes(ImagesPath, [0x1F, 0x8B, 0x42, 0x00, 0x13, 0x37, 0xFF, 0xFF, 0x00, 0x01, 0x02, 0x03, 0x04]);
        WriteLabels(1);

        LoadFails(DataFileProblem.CorruptCompression, ImagesPath);
    }

    [Fact]
    public void LabelMagicNumberInTheImageFileIsWrongMagic()
    {
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.LabelFileContent(1, [3]));
        WriteLabels(1);

        var e = LoadFails(DataFileProblem.WrongMagicNumber, ImagesPath);
        Assert.Contains("0x00000801", e.Message);
        Assert.Contains("0x00000803", e.Message);
    }

    [Fact]
    public void FloatMagicNumberInTheLabelFileIsWrongMagic()
    {
        WriteImages(1);
        CraftedIdxFiles.WriteGzip(LabelsPath, CraftedIdxFiles.LabelFileContent(1, [3], magic: 0x00000D01));

        Assert.Contains("0x00000D01", LoadFails(DataFileProblem.WrongMagicNumber, LabelsPath).Message);
    }

    [Fact]
    public void DataShorterThanTheHeaderSaysIsTruncated()
    {
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(10, 28, 28, new byte[2 * 784]));

        var e = ReadImagesFails(DataFileProblem.Truncated);
        Assert.Contains("7,840", e.Message);
        Assert.Contains("1,568", e.Message);
    }

    [Fact]
    public void HeaderCutShortIsTruncated()
    {
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(10, 28, 28, [])[..10]);
        WriteLabels(10);

        LoadFails(DataFileProblem.Truncated, ImagesPath);
    }

    [Fact]
    public void GzipFileCutInHalfIsTruncated()
    {
        var noise = new byte[5 * 784];
        var random = new RandomGenerator(1);
        for (int i = 0; i < noise.Length; i++)
            noise[i] = (byte)random.NextUInt64(); // incompressible, so half the file is half the data
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(5, 28, 28, noise));
        byte[] whole = File.ReadAllBytes(ImagesPath);
        File.WriteAllBytes(ImagesPath, whole[..(whole.Length / 2)]);

        ReadImagesFails(DataFileProblem.Truncated);
    }

    [Fact]
    public void HeaderPromisingMoreThanGzipCanHoldIsTruncatedWithoutAllocatingIt()
    {
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(2_000_000, 28, 28, new byte[784]));

        long before = GC.GetAllocatedBytesForCurrentThread();
        ReadImagesFails(DataFileProblem.Truncated);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000, "the 1.5 GB the header asks for was allocated");
    }

    [Fact]
    public void DataLongerThanTheHeaderSaysIsExtraData()
    {
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(1, 28, 28, new byte[784 + 1]));

        ReadImagesFails(DataFileProblem.ExtraData);
    }

    [Fact]
    public void DifferentImageAndLabelCountsAreACountMismatchNamingBothFiles()
    {
        WriteImages(3);
        WriteLabels(2);

        var e = LoadFails(DataFileProblem.CountMismatch, LabelsPath);
        Assert.Contains(ImagesPath, e.Message);
        Assert.Contains("3 images", e.Message);
        Assert.Contains("2 labels", e.Message);
    }

    [Fact]
    public void AFileOfTheWrongSizeForTheSplitIsAnUnexpectedShape()
    {
        WriteImages(3);
        WriteLabels(3);

        Assert.Contains("10,000", LoadFails(DataFileProblem.UnexpectedShape, ImagesPath).Message);
    }

    [Fact]
    public void ImagesOfTheWrongSizeAreAnUnexpectedShape()
    {
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(1, 32, 32, new byte[32 * 32]));
        WriteLabels(1);

        Assert.Contains("32×32", LoadFails(DataFileProblem.UnexpectedShape, ImagesPath).Message);
    }

    [Fact]
    public void ALabelAboveNineIsInvalid()
    {
        CraftedIdxFiles.WriteGzip(LabelsPath, CraftedIdxFiles.LabelFileContent(3, [1, 10, 2]));

        var e = Assert.Throws<DataFileException>(() => IdxFileReader.ReadLabels(LabelsPath, MnistData.NumClasses));
        Assert.Equal(DataFileProblem.InvalidLabel, e.Problem);
        Assert.Contains("label 10 at index 1", e.Message);
    }

    [Fact]
    public void ACorrectedFileIsReadAgainAndDecodedAsByteOver256()
    {
        // 10,000 crafted images (the test file's size): pixel k of image i is (i + k) mod 256.
        var pixels = new byte[10_000 * 784];
        for (int i = 0; i < 10_000; i++)
            for (int k = 0; k < 784; k++)
                pixels[i * 784 + k] = (byte)(i + k);
        var labels = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 10)).ToArray();
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(10_000, 28, 28, pixels));
        labels[17] = 200;
        CraftedIdxFiles.WriteGzip(LabelsPath, CraftedIdxFiles.LabelFileContent(10_000, labels));
        LoadFails(DataFileProblem.InvalidLabel, LabelsPath);

        labels[17] = 7;
        CraftedIdxFiles.WriteGzip(LabelsPath, CraftedIdxFiles.LabelFileContent(10_000, labels));
        var data = MnistData.Load(MnistSet.Test, _folder.Path);

        Assert.Equal(10_000, data.Count);
        foreach (int i in new[] { 0, 17, 9_999 })
        {
            Assert.Equal(Enumerable.Range(0, 784).Select(k => (byte)(i + k) / 256f), data.Inputs.Span.Slice(i * 784, 784).ToArray());
            Assert.Equal(i % 10, data.Labels.Span[i]);
        }
    }

    [Fact]
    public void MlpDataDirNamingAMissingFolderSaysSo()
    {
        string missing = _folder.File("nowhere");

        var e = Assert.Throws<DataFileException>(() => MnistFiles.LocateDirectory(missing, [_folder.Path], out _));

        Assert.Equal(DataFileProblem.Missing, e.Problem);
        Assert.Contains(missing, e.Message);
        Assert.Contains("MLP_DATA_DIR", e.Message);
    }

    [Fact]
    public void NoDataFolderAboveTheStartSaysWhereItLookedAndAboutMlpDataDir()
    {
        string start = Directory.CreateDirectory(_folder.File("a", "b")).FullName;

        var e = Assert.Throws<DataFileException>(() => MnistFiles.LocateDirectory(null, [start], out _));

        Assert.Equal(DataFileProblem.Missing, e.Problem);
        Assert.Contains(start, e.Message);
        Assert.Contains("MLP_DATA_DIR", e.Message);
    }

    [Fact]
    public void TheSearchFindsADataMnistFolderAboveTheStartAndTheVariableOverridesIt()
    {
        string found = Directory.CreateDirectory(_folder.File("repo", "data", "mnist")).FullName;
        string start = Directory.CreateDirectory(_folder.File("repo", "tests", "bin", "Release")).FullName;

        Assert.Equal(found, MnistFiles.LocateDirectory(null, [_folder.File("elsewhere"), start], out _));
        Assert.Equal(_folder.Path, MnistFiles.LocateDirectory(_folder.Path, [start], out string provenance));
        Assert.Contains("MLP_DATA_DIR", provenance);
    }

    private DataFileException LoadFails(DataFileProblem problem, string path)
    {
        var e = Assert.Throws<DataFileException>(() => MnistData.Load(MnistSet.Test, _folder.Path));
        Assert.Equal(problem, e.Problem);
        Assert.Equal(path, e.FilePath);
        Assert.Contains(path, e.Message);
        return e;
    }

    // Decoding errors come from the reader; a load of the whole set compares the headers' counts first.
    private DataFileException ReadImagesFails(DataFileProblem problem)
    {
        var e = Assert.Throws<DataFileException>(() => IdxFileReader.ReadImages(ImagesPath, MnistData.ImageRows, MnistData.ImageColumns));
        Assert.Equal(problem, e.Problem);
        Assert.Equal(ImagesPath, e.FilePath);
        Assert.Contains(ImagesPath, e.Message);
        return e;
    }

    private void WriteImages(int count) =>
        CraftedIdxFiles.WriteGzip(ImagesPath, CraftedIdxFiles.ImageFileContent(count, 28, 28, new byte[count * 784]));

    private void WriteLabels(int count) =>
        CraftedIdxFiles.WriteGzip(LabelsPath, CraftedIdxFiles.LabelFileContent(count, new byte[count]));
}
