using System.Reflection;

namespace Mlp.Package.Tests;

/// <summary>
/// Packs the repository's Mlp package once into a folder feed under a fresh temporary folder, which also holds
/// the consumers, an empty NuGet package cache and a data folder for the CLI; all of it is deleted afterwards.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    /// <summary>Packs the package; throws with the CLI's output when packing fails.</summary>
    public PackageFeed()
    {
        Root = Path.Combine(Path.GetTempPath(), "mlp-package-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(Root, "feed");
        try
        {
            Directory.CreateDirectory(Folder);
            Directory.CreateDirectory(PackageCache);
            Directory.CreateDirectory(DataHome);

            // The test's own configuration: the solution build made it, so packing it rebuilds nothing.
            string configuration = typeof(PackageFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            string project = Path.Combine(RepositoryRoot, "src", "Mlp.Runtime", "Mlp.Runtime.csproj");
            (int exitCode, string output) = Dotnet.Run(RepositoryRoot, new Dictionary<string, string?>(),
                "pack", project, "-c", configuration, "-o", Folder, "--disable-build-servers", "--nologo");
            if (exitCode != 0)
                throw new InvalidOperationException("dotnet pack failed:\n" + output);

            PackagePath = Directory.GetFiles(Folder, "Mlp.*.nupkg").Single();
            SymbolsPath = Path.ChangeExtension(PackagePath, ".snupkg");
            Version = Path.GetFileNameWithoutExtension(PackagePath)["Mlp.".Length..];
        }
        catch
        {
            Dispose(); // xunit does not dispose a fixture whose constructor threw
            throw;
        }
    }

    /// <summary>The temporary folder holding everything below.</summary>
    public string Root { get; }

    /// <summary>The folder feed the package was packed into.</summary>
    public string Folder { get; }

    /// <summary>The packed <c>.nupkg</c>.</summary>
    public string PackagePath { get; }

    /// <summary>The symbols package packed beside it.</summary>
    public string SymbolsPath { get; }

    /// <summary>The package's version, read off its file name.</summary>
    public string Version { get; }

    /// <summary>
    /// The consumers' <c>NUGET_PACKAGES</c>: empty at the start, so a stale cached package of the same version
    /// cannot stand in for the one just packed.
    /// </summary>
    public string PackageCache => Path.Combine(Root, "nuget-packages");

    /// <summary>
    /// The consumers' <c>XDG_DATA_HOME</c>, where the CLI keeps file-based apps' builds and NuGet its HTTP cache,
    /// so that they too start empty and are deleted with <see cref="Root"/>.
    /// </summary>
    public string DataHome => Path.Combine(Root, "data");

    /// <summary>The environment of a consumer's <c>dotnet</c> commands.</summary>
    public IReadOnlyDictionary<string, string?> ConsumerEnvironment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = PackageCache,
        ["XDG_DATA_HOME"] = DataHome,
    };

    /// <summary>The repository's root: the folder holding Mlp.sln above the test assembly.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>
    /// Writes a NuGet.config into <paramref name="folder"/> whose sources are the folder feed (the only source of
    /// Mlp) and nuget.org (for everything else, such as Microsoft.Extensions.Logging.Abstractions).
    /// </summary>
    public void WriteNuGetConfig(string folder) => File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="mlp-local" value="{Folder}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="mlp-local">
              <package pattern="Mlp" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """);

    /// <summary>Deletes the temporary folder.</summary>
    public void Dispose()
    {
        if (Directory.Exists(Root))
            Directory.Delete(Root, recursive: true);
    }

    private static string FindRepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Mlp.sln")))
            dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Mlp.sln not found above " + AppContext.BaseDirectory);
    }
}
