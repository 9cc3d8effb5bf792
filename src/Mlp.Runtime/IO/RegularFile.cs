using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Mlp.IO;

/// <summary>
/// Opens files for reading only when they are regular files: a folder, a named pipe (which would block until a
/// writer came), a socket, a symbolic-link loop or a file without read permission fails at once, and the caller
/// turns the reason into its own documented exception naming the file.
/// </summary>
internal static class RegularFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>Opens <paramref name="path"/> for sequential reading.</summary>
    /// <param name="path">The file.</param>
    /// <param name="fail">
    /// Makes the exception to throw from the kind of failure, a phrase completing "the file …" (e.g. "is a folder,
    /// not a file") and the underlying exception, if any.
    /// </param>
    public static FileStream OpenRead(string path, Func<OpenFailure, string, Exception?, Exception> fail)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw fail(OpenFailure.Folder, "is a folder, not a file", null);
        return Posix.IsAvailable ? OpenPosix(full, fail) : OpenPortable(full, fail);
    }

    private static FileStream OpenPosix(string path, Func<OpenFailure, string, Exception?, Exception> fail)
    {
        // Non-blocking, so that opening a FIFO returns at once; it changes nothing for a regular file.
        int descriptor = Posix.Open(path, Posix.ReadOnly | Posix.NonBlocking | Posix.CloseOnExec);
        if (descriptor < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error is Posix.NoSuchFile or Posix.NotAFolder)
                throw fail(OpenFailure.Missing, "does not exist", null);
            if (error is Posix.PermissionDenied or Posix.NotPermitted)
                throw fail(OpenFailure.Denied, "cannot be read: permission denied", null);
            if (error == Posix.LinkLoop)
                throw fail(OpenFailure.LinkLoop, "cannot be opened: its symbolic links loop (too many levels of symbolic links)", null);
            throw fail(OpenFailure.Other, $"cannot be opened: {Marshal.GetPInvokeErrorMessage(error)}", null);
        }

        var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        FileStream stream;
        try
        {
            stream = new FileStream(handle, FileAccess.Read, BufferSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            handle.Dispose();
            throw fail(OpenFailure.Other, $"cannot be opened: {e.Message}", e);
        }
        // Regular files (and disks) seek; pipes, sockets and terminals do not, and reading them may never end.
        if (!stream.CanSeek)
        {
            stream.Dispose();
            throw fail(OpenFailure.NotRegularFile, "is not a regular file (a named pipe, socket or terminal), so it is not read", null);
        }
        return stream;
    }

    private static FileStream OpenPortable(string path, Func<OpenFailure, string, Exception?, Exception> fail)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw fail(OpenFailure.Missing, "does not exist", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw fail(OpenFailure.Denied, "cannot be read: permission denied", e);
        }
        catch (IOException e)
        {
            throw fail(OpenFailure.Other, $"cannot be opened: {e.Message}", e);
        }
    }
}
