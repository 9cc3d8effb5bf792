using System.Runtime.Versioning;

namespace Mlp.Tests.Shared;

/// <summary>
/// A new folder whose permission bits deny writing to everyone, made writable again on disposal so that the folder
/// holding it can be deleted.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ReadOnlyFolder : IDisposable
{
    /// <summary>Creates the folder at <paramref name="path"/> with read and search permission only.</summary>
    public ReadOnlyFolder(string path)
    {
        Path = path;
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        WritableAnyway = CanWrite(path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>
    /// Whether this process writes into the folder all the same: root ignores permission bits, so a test that wants a
    /// refusal needs another place (such as <c>/proc</c>) or can only check that nothing fails.
    /// </summary>
    public bool WritableAnyway { get; }

    /// <inheritdoc />
    public void Dispose() => File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

    private static bool CanWrite(string folder)
    {
        string probe = System.IO.Path.Combine(folder, "probe");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
