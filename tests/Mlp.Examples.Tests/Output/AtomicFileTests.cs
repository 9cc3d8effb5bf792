using Mlp.Examples.Output;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Output;

public class AtomicFileTests
{
    [Fact]
    public void Writes_and_replaces_leaving_no_temporary_file()
    {
        using var folder = new TempFolder();
        string path = folder.File("report.md");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second, longer");
        Assert.Equal("second, longer", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Writes_utf8_without_a_byte_order_mark()
    {
        using var folder = new TempFolder();
        string path = folder.File("a.txt");
        AtomicFile.WriteAllText(path, "μ — ✓");
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes("μ — ✓"), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_one()
    {
        using var folder = new TempFolder();
        string path = folder.File("results.json");
        AtomicFile.WriteAllText(path, "old");
        // A folder in the way of the rename makes the move fail after the temporary file was written.
        string blocked = folder.File("blocked");
        Directory.CreateDirectory(blocked);
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(blocked, "new"));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_nothing_half_written()
    {
        using var folder = new TempFolder();
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(folder.File("missing/x.txt"), "x"));
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
