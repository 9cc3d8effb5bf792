using System.IO.Compression;
using System.Xml.Linq;

namespace Mlp.Package.Tests;

/// <summary>What is inside the packed Mlp package and its symbols package.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageContentTests(PackageFeed feed)
{
    [Fact]
    public void TheRuntimeIsTheOnlyLibraryAndTheGeneratorAndCodeFixAreAnalyzers()
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath);
        string[] entries = package.Entries.Select(e => e.FullName).ToArray();

        Assert.Equal(["lib/net10.0/Mlp.Runtime.dll", "lib/net10.0/Mlp.Runtime.xml"],
            entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["analyzers/dotnet/cs/Mlp.CodeFixes.dll", "analyzers/dotnet/cs/Mlp.Generators.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(entries, e => e.StartsWith("ref/", StringComparison.Ordinal) || e.StartsWith("build", StringComparison.Ordinal));
    }

    [Fact]
    public void TheNuspecNamesTheLicenceTheReadmeAndOnlyTheLoggingDependency()
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath);
        XElement metadata = Nuspec(package).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("Mlp", Value("id"));
        Assert.Equal(feed.Version, Value("version"));
        XElement license = metadata.Elements().Single(e => e.Name.LocalName == "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", Value("readme"));

        // The generator's and code fix's Roslyn references must not become the user's dependencies.
        XElement group = metadata.Descendants().Single(e => e.Name.LocalName == "group");
        Assert.Equal("net10.0", (string?)group.Attribute("targetFramework"));
        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions"],
            group.Elements().Select(d => (string?)d.Attribute("id")));
    }

    [Fact]
    public void TheReadmeIsTheRepositorysAndTheDocsCoverThePublicApi()
    {
        using ZipArchive package = ZipFile.OpenRead(feed.PackagePath);
        Assert.Equal(File.ReadAllText(Repository.Path("README.md")), ReadText(package, "README.md"));

        XDocument docs = XDocument.Parse(ReadText(package, "lib/net10.0/Mlp.Runtime.xml"));
        string[] members = docs.Descendants("member").Select(m => (string)m.Attribute("name")!).ToArray();
        Assert.Contains("T:Mlp.AffineAttribute", members);
        Assert.Contains("T:Mlp.IModel", members);
        Assert.Contains("T:Mlp.Training.Optimiser", members);
    }

    [Fact]
    public void TheSymbolsPackageHoldsTheRuntimesPdb()
    {
        using ZipArchive symbols = ZipFile.OpenRead(feed.SymbolsPath);
        Assert.Contains("lib/net10.0/Mlp.Runtime.pdb", symbols.Entries.Select(e => e.FullName));
    }

    private static XDocument Nuspec(ZipArchive package) =>
        XDocument.Parse(ReadText(package, "Mlp.nuspec"));

    private static string ReadText(ZipArchive package, string entryName)
    {
        ZipArchiveEntry entry = package.GetEntry(entryName) ?? throw new InvalidOperationException(entryName + " is not in the package");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
