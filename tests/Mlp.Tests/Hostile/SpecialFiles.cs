using System.Runtime.InteropServices;

namespace Mlp.Tests.Hostile;

/// <summary>Paths that are not regular files: named pipes and symbolic-link loops, made for real on this machine.</summary>
internal static partial class SpecialFiles
{
    /// <summary>Creates a named pipe (FIFO) at <paramref name="path"/>; opening it for reading blocks until a writer comes.</summary>
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, 0b110_000_000) != 0)
            throw new IOException($"mkfifo {path} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>Makes <paramref name="path"/> and a sibling symbolic links to each other.</summary>
    public static void MakeLinkLoop(string path)
    {
        string other = path + ".other";
        File.CreateSymbolicLink(path, other);
        File.CreateSymbolicLink(other, path);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on another thread and returns what it threw, failing if it has not finished within
    /// <paramref name="seconds"/>; a reader stuck on <paramref name="fifo"/> is then released by opening it for writing.
    /// </summary>
    public static Exception? ThrownWithin(int seconds, string fifo, Action action)
    {
        Task task = Task.Run(action);
        bool finished = task.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(seconds)) || Release(fifo, task);
        Assert.True(finished, $"reading the named pipe {fifo} blocked for {seconds} s instead of failing at once");
        return task.Exception?.InnerException;
    }

    private static bool Release(string fifo, Task blocked)
    {
        using (new FileStream(fifo, FileMode.Open, FileAccess.Write)) { }   // gives the blocked reader an end of file
        blocked.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(10));
        return false;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int mkfifo(string path, uint mode);
}
