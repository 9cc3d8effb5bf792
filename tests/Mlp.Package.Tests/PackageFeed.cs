using System.Reflection;

namespace Mlp.Package.Tests;

/// <summary>
/// Packs the repository's Mlp package once into a folder feed under a fresh temporary folder, which also holds
/// the consumers, an empty NuGet package cache and a data folder for the CLI; all of it is deleted afterwards.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    // The pack, and a consumer's restore, build or run.
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    private readonly TempFolder _folder = new();

    /// <summary>Packs the package; throws with the CLI's output when packing fails.</summary>
    public PackageFeed()
    {
        Folder = Path.Combine(Root, "feed");
        try
        {
            Directory.CreateDirectory(Folder);
            Directory.CreateDirectory(PackageCache);
            Directory.CreateDirectory(DataHome);

            // The test's own configuration: the solution build made it, so packing it rebuilds nothing.
            string configuration = typeof(PackageFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
            string project = Repository.Path("src", "Mlp.Runtime", "Mlp.Runtime.csproj");
            ProcessResult pack = ChildProcess.Run("dotnet",
                ["pack", project, "-c", configuration, "-o", Folder, "--disable-build-servers", "--nologo"], Repository.Root, s_timeout);
            if (pack.ExitCode != 0)
                throw new InvalidOperationException("dotnet pack failed:\n" + pack.Output);

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
    public string Root => _folder.Path;

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

    /// <summary>
    /// Runs <c>dotnet</c> with <paramref name="arguments"/> in a consumer's <paramref name="folder"/>, with the
    /// consumers' package cache and data folder.
    /// </summary>
    /// <returns>The exit code and stdout followed by stderr.</returns>
    public (int ExitCode, string Output) Dotnet(string folder, params string[] arguments)
    {
        ProcessResult run = ChildProcess.Run("dotnet", arguments, folder, s_timeout, new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = PackageCache,
            ["XDG_DATA_HOME"] = DataHome,
        });
        return (run.ExitCode, run.Output);
    }

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
    public void Dispose() => _folder.Dispose();
}
