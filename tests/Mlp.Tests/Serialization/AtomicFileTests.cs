using Mlp.Serialization;

namespace Mlp.Tests.Serialization;

/// <summary>A write that fails part-way leaves the previous file intact and no temporary file behind.</summary>
public sealed class AtomicFileTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(100)]
    [InlineData(300)]
    public void ASaveThatFailsMidwayLeavesTheOldFileIntactAndNoTemporaryFile(int failAfterBytes)
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        var old = new TinyModel(seed: 1);
        old.Save(path);
        byte[] oldBytes = File.ReadAllBytes(path);

        var model = new EveryLayerNet(seed: 2);                             // ~4 KB: the failure comes well before the end
        var e = Assert.Throws<IOException>(() =>
            AtomicFile.Write(path, stream => model.Save(new FailingStream(stream, failAfterBytes))));
        Assert.Contains("simulated", e.Message);

        Assert.Equal(oldBytes, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], folder.Entries());
        var reloaded = new TinyModel(seed: 3);
        reloaded.Load(path);
        Assert.Equal(old.AllValues.ToArray(), reloaded.AllValues.ToArray());
    }

    [Fact]
    public void AFailedFirstWriteLeavesNoFileAtAll()
    {
        using var folder = new TempFolder();
        string path = folder.File("new.bin");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[1000]);
            throw new InvalidOperationException("writer failed");
        }));
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void AWriteCreatesOrReplacesTheWholeFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("data.bin");
        AtomicFile.Write(path, stream => stream.Write(new byte[] { 1, 2, 3, 4, 5 }));
        Assert.Equal([1, 2, 3, 4, 5], File.ReadAllBytes(path));
        AtomicFile.Write(path, stream => stream.Write(new byte[] { 9 }));
        Assert.Equal([9], File.ReadAllBytes(path));
        Assert.Equal(["data.bin"], folder.Entries());
    }

    [Fact]
    public void BadPathsAreRejected()
    {
        using var folder = new TempFolder();
        Assert.Throws<ArgumentException>("path", () => AtomicFile.Write(folder.Path, _ => { }));
        Assert.Throws<ArgumentException>("path", () => AtomicFile.Write("", _ => { }));
        Assert.Throws<ArgumentNullException>("write", () => AtomicFile.Write(folder.File("x"), null!));
        Assert.Throws<DirectoryNotFoundException>(() => new TinyModel(seed: 1).Save(folder.File("missing/model.safetensors")));
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void TextIsUtf8WithoutAByteOrderMarkAndBytesAreWrittenAsGiven()
    {
        using var folder = new TempFolder();
        string text = folder.File("a.txt"), bytes = folder.File("b.bin");
        AtomicFile.WriteAllText(text, "μ — ✓");
        AtomicFile.WriteAllBytes(bytes, [0, 1, 2, 255]);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes("μ — ✓"), File.ReadAllBytes(text));
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, File.ReadAllBytes(bytes));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }
}
