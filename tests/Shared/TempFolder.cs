namespace Mlp.Tests.Shared;

/// <summary>
/// A fresh, empty folder under the system's temporary folder, named after the test assembly that made it, and deleted
/// with everything in it on disposal.
/// </summary>
internal sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder() =>
        Path = Directory.CreateTempSubdirectory(typeof(TempFolder).Assembly.GetName().Name!.ToLowerInvariant() + "-").FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder, from its <paramref name="parts"/> (a name, or folders then a name).</summary>
    public string File(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>The names of the entries in the folder, sorted.</summary>
    public string[] Entries() => Directory.EnumerateFileSystemEntries(Path).Select(System.IO.Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine (a child process ending, a silo writing its last checkpoint): the
            // temporary folder is the system's to clean, and failing the test here would hide what it found.
        }
    }
}
