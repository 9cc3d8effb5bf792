using System.Runtime.InteropServices;

namespace Mlp.IO;

/// <summary>
/// The few POSIX calls .NET does not expose: opening a path without blocking (so a named pipe cannot hang a load)
/// and flushing a folder (so a rename survives a power cut). Linux and macOS only; callers check the platform.
/// </summary>
internal static partial class Posix
{
    // The runtime maps "libc" to the platform's C library (libc.so.6 on Linux, libSystem on macOS).
    private const string Libc = "libc";

    public const int ReadOnly = 0;

    /// <summary>O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer.</summary>
    public static int NonBlocking => OperatingSystem.IsMacOS() ? 0x4 : 0x800;

    /// <summary>O_CLOEXEC: the descriptor is not inherited by child processes.</summary>
    public static int CloseOnExec => OperatingSystem.IsMacOS() ? 0x1000000 : 0x80000;

    public const int NoSuchFile = 2;          // ENOENT
    public const int PermissionDenied = 13;   // EACCES
    public const int NotPermitted = 1;        // EPERM
    public const int NotAFolder = 20;         // ENOTDIR
    public const int InvalidArgument = 22;    // EINVAL

    /// <summary>ELOOP: too many levels of symbolic links.</summary>
    public static int LinkLoop => OperatingSystem.IsMacOS() ? 62 : 40;

    /// <summary>True where these calls are available.</summary>
    public static bool IsAvailable => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    [LibraryImport(Libc, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Libc, EntryPoint = "fsync", SetLastError = true)]
    public static partial int FSync(int descriptor);

    [LibraryImport(Libc, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int descriptor);
}
