namespace Mlp.Tests.Shared;

/// <summary>The repository the tests were built from.</summary>
internal static class Repository
{
    /// <summary>The repository's root: the folder holding Mlp.sln above the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the root, from its parts.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "Mlp.sln")))
            dir = System.IO.Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Mlp.sln not found above " + AppContext.BaseDirectory);
    }
}
