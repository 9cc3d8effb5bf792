using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Mlp.IO;

namespace Mlp;

/// <summary>
/// Replaces a file all at once: the content is written to a temporary file in the same folder, flushed to disk,
/// renamed over the target, and the folder flushed too (where it can be opened), so a failure, crash or power cut part-way leaves the old
/// file (or no file) in place, never a half-written one.
/// </summary>
/// <remarks>
/// A replaced file keeps its permission bits (a 0600 model stays private); a new one gets the process's default.
/// A symbolic link at the target stays a link: the file it names is replaced. Temporary files that an earlier
/// process left behind for the same target when it was killed mid-save are removed. Errors name the target.
/// </remarks>
public static class AtomicFile
{
    // Temporary names are made unique by process and counter, not by random draws (RandomGenerator is for the models).
    private static long s_counter;

    // Folder flushes that succeeded, so a test can see that the rename was made durable.
    private static long s_folderFlushes;

    internal static long FolderFlushes => Interlocked.Read(ref s_folderFlushes);

    /// <summary>Calls <paramref name="write"/> on a fresh temporary file, then moves it to <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or replace (or a symbolic link to it); its folder must exist.</param>
    /// <param name="write">
    /// Writes the whole content to the stream it is given, and leaves that stream open (it is flushed to disk and
    /// closed here); an exception from it leaves <paramref name="path"/> as it was.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    /// <exception cref="IOException">
    /// The file could not be written (disk full, read-only file system, …); the message names <paramref name="path"/>.
    /// <see cref="DirectoryNotFoundException"/> when its folder does not exist.
    /// </exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be written; the message names <paramref name="path"/>.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = Path.GetFullPath(path);
        if (Path.GetFileName(target).Length == 0 || Directory.Exists(target))
            throw new ArgumentException($"'{path}' names a folder, not a file.", nameof(path));

        try
        {
            target = FinalTarget(target);
        }
        catch (IOException e)
        {
            throw new IOException($"Could not save {target}: {e.Message}", e);
        }
        string folder = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);

        string? temporary = null;
        try
        {
            RemoveStaleTemporaries(folder, name);
            temporary = CreateTemporary(folder, name, out FileStream stream);
            using (stream)
            {
                KeepPermissions(target, stream);
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
            temporary = null;
            FlushFolder(folder, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw NamingTarget(e, target, temporary);
        }
        finally
        {
            if (temporary is not null)
                File.Delete(temporary);
        }
    }

    /// <summary>The file a chain of symbolic links at <paramref name="target"/> ends at (itself when it is no link).</summary>
    private static string FinalTarget(string target)
    {
        if (new FileInfo(target).LinkTarget is null)
            return target;
        // A link that points nowhere is followed too: the save creates the file it names, as writing through it would.
        FileSystemInfo? final = File.ResolveLinkTarget(target, returnFinalTarget: true);
        return final is null ? target : Path.GetFullPath(final.FullName);
    }

    private static void KeepPermissions(string target, FileStream temporary)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(target))
            return;
        File.SetUnixFileMode(temporary.SafeFileHandle, File.GetUnixFileMode(target));
    }

    private static string CreateTemporary(string folder, string name, out FileStream stream)
    {
        while (true)
        {
            string candidate = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
                $".{name}.{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}.tmp"));
            try
            {
                stream = new FileStream(candidate, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                return candidate;
            }
            catch (IOException) when (File.Exists(candidate))
            {
                // A leftover from an earlier process with the same id: try the next name.
            }
        }
    }

    /// <summary>
    /// Deletes <c>.{name}.{pid}-{n}.tmp</c> files whose process is no longer running: left by a save that was killed.
    /// Files of running processes (a save in progress elsewhere, or in this process) are left alone.
    /// </summary>
    private static void RemoveStaleTemporaries(string folder, string name)
    {
        string prefix = "." + name + ".";
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, ".*.tmp").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that cannot be listed (or does not exist) is reported by the save itself, if at all.
            return;
        }
        foreach (string file in files)
        {
            string candidate = Path.GetFileName(file);
            if (!candidate.StartsWith(prefix, StringComparison.Ordinal) || !candidate.EndsWith(".tmp", StringComparison.Ordinal))
                continue;
            string[] parts = candidate[prefix.Length..^".tmp".Length].Split('-');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)
                || pid == Environment.ProcessId || IsRunning(pid))
                continue;
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's file, or already gone: leaving it costs only disk space.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Flushes the folder's entry list, so the rename itself survives a power cut (POSIX only; Windows has no such call).</summary>
    private static void FlushFolder(string folder, string target)
    {
        if (!Posix.IsAvailable)
            return;
        // A folder the process may write but not read cannot be opened to flush; the rename is done, so that is not an error.
        int descriptor = Posix.Open(folder, Posix.ReadOnly | Posix.CloseOnExec);
        if (descriptor < 0)
            return;
        try
        {
            // Some file systems cannot flush a folder (EINVAL); there is nothing more to do on those.
            if (Posix.FSync(descriptor) != 0 && Marshal.GetLastPInvokeError() is int error && error != Posix.InvalidArgument)
                throw new IOException($"Saved {target}, but flushing its folder failed: {Marshal.GetPInvokeErrorMessage(error)}");
            Interlocked.Increment(ref s_folderFlushes);
        }
        finally
        {
            Posix.Close(descriptor);
        }
    }

    // The operating system's message names the temporary file, which the caller never asked for; say which file was being saved.
    private static Exception NamingTarget(Exception e, string target, string? temporary)
    {
        string reason = temporary is null ? e.Message : e.Message.Replace(temporary, "its temporary file", StringComparison.Ordinal);
        if (reason.Contains(target, StringComparison.Ordinal))
            return e;
        string message = $"Could not save {target}: {reason}";
        return e switch
        {
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            _ => new IOException(message, e),
        };
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (without a byte-order mark) to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="text">The whole content.</param>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="bytes">The whole content.</param>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }
}
