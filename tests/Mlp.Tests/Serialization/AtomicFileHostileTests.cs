using Mlp.Serialization;

namespace Mlp.Tests.Serialization;

/// <summary>
/// What a save does to what is already there: permission bits kept, symbolic links written through, temporary files
/// of killed saves removed, the folder flushed, and errors that name the file being saved.
/// </summary>
public sealed class AtomicFileHostileTests
{
    [Fact]
    public void ReplacingAPrivateFileKeepsItPrivateAndANewFileGetsTheDefaultMode()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        new TinyModel(seed: 1).Save(path);
        UnixFileMode defaultMode = File.GetUnixFileMode(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        new TinyModel(seed: 2).Save(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        string fresh = folder.File("fresh.safetensors");
        new TinyModel(seed: 3).Save(fresh);
        Assert.Equal(defaultMode, File.GetUnixFileMode(fresh));
    }

    [Fact]
    public void ASymbolicLinkStaysALinkAndTheFileItNamesIsReplaced()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("real"));
        string real = folder.File("real/model.safetensors"), link = folder.File("model.safetensors");
        new TinyModel(seed: 1).Save(real);
        File.CreateSymbolicLink(link, real);

        var saved = new TinyModel(seed: 2);
        saved.Save(link);

        Assert.Equal(real, new FileInfo(link).LinkTarget);
        var reloaded = new TinyModel(seed: 3);
        reloaded.Load(real);
        Assert.Equal(saved.AllValues.ToArray(), reloaded.AllValues.ToArray());
        Assert.Equal(["model.safetensors", "real"], folder.Entries());
        Assert.Equal(["model.safetensors"], Directory.EnumerateFileSystemEntries(folder.File("real")).Select(Path.GetFileName));
    }

    [Fact]
    public void TemporaryFilesOfAKilledSaveOfTheSameTargetAreRemovedAndOthersKept()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");
        int deadPid = DeadProcessId();
        string stale = folder.File($".model.safetensors.{deadPid}-7.tmp");
        string running = folder.File(".model.safetensors.1-3.tmp");            // process 1 is always running
        string other = folder.File($".other.safetensors.{deadPid}-7.tmp");     // another target's
        foreach (string file in new[] { stale, running, other })
            File.WriteAllBytes(file, [1, 2, 3]);

        new TinyModel(seed: 1).Save(path);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(running));
        Assert.True(File.Exists(other));
    }

    [Fact]
    public void TheFolderIsFlushedAfterTheRename()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var folder = new TempFolder();
        long before = AtomicFile.FolderFlushes;
        AtomicFile.WriteAllBytes(folder.File("a.bin"), [1]);
        Assert.True(AtomicFile.FolderFlushes > before, "no folder flush followed the rename");
    }

    [Fact]
    public void ErrorsNameTheTargetNotTheTemporaryFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.safetensors");

        var full = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[10]);
            throw new IOException($"No space left on device : '{((FileStream)stream).Name}'");
        }));
        Assert.Contains(path, full.Message);
        Assert.DoesNotContain(".tmp", full.Message);

        var missing = Assert.Throws<DirectoryNotFoundException>(() => new TinyModel(seed: 1).Save(folder.File("missing/model.safetensors")));
        Assert.Contains(folder.File("missing/model.safetensors"), missing.Message);

        if (!OperatingSystem.IsWindows())
        {
            using var readOnly = new ReadOnlyFolder(folder.File("read-only"));
            string target = Path.Combine(readOnly.WritableAnyway ? "/proc" : readOnly.Path, "model.safetensors");   // /proc takes no files, even from root
            var denied = Assert.ThrowsAny<Exception>(() => new TinyModel(seed: 1).Save(target));
            Assert.True(denied is IOException or UnauthorizedAccessException, denied.GetType().Name);
            Assert.Contains(target, denied.Message);
        }
        Assert.DoesNotContain(folder.Entries(), e => e.EndsWith(".tmp", StringComparison.Ordinal));
    }

    private static int DeadProcessId()
    {
        // Process ids are below 2^22 on Linux; start far above any in use and check.
        for (int pid = 4_000_000; ; pid++)
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(pid).Dispose();
            }
            catch (ArgumentException)
            {
                return pid;
            }
        }
    }
}
