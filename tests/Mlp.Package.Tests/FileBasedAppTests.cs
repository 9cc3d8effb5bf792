using System.Globalization;
using System.Text.RegularExpressions;

namespace Mlp.Package.Tests;

/// <summary>
/// The repository's samples/ex1.cs as a .NET 10 file-based app, run by <c>dotnet run ex1.cs</c> in a folder outside
/// the repository whose NuGet.config makes the folder feed known to its <c>#:package Mlp@version</c> directive.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class FileBasedAppTests(PackageFeed feed)
{
    [Fact]
    public void TheSampleFileBasedAppRestoresThePackageAndLearnsXor()
    {
        string folder = Path.Combine(feed.Root, "file-based");
        Directory.CreateDirectory(folder);
        feed.WriteNuGetConfig(folder);
        string sample = File.ReadAllText(Repository.Path("samples", "ex1.cs"));
        // The sample names the version it was written for: it must be the one the repository packs.
        Assert.Equal("#:package Mlp@" + feed.Version, PackageDirective().Match(sample).Value);
        File.WriteAllText(Path.Combine(folder, "ex1.cs"), sample);

        // File-based apps default to PublishAot=true, whose restore would fetch some 300 MB of runtime and AOT
        // compiler packs into the empty cache on every run; they have nothing to do with Mlp (checked by hand).
        (int exitCode, string output) = feed.Dotnet(folder, "run", "--disable-build-servers", "-p:PublishAot=false", "--file", "ex1.cs");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Affine(2, 8) -> Tanh -> Affine(8, 1)", output);
        // The truth table of XOR, independent of how the model got there: each probability on the right side of 0.5.
        MatchCollection rows = Prediction().Matches(output);
        Assert.Equal(4, rows.Count);
        foreach (Match row in rows)
        {
            bool expected = (row.Groups["a"].Value == "1") ^ (row.Groups["b"].Value == "1");
            double probability = double.Parse(row.Groups["p"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
            Assert.True(expected ? probability > 0.9 : probability < 0.1, row.Value);
        }
    }

    [GeneratedRegex(@"^#:package Mlp@\S*", RegexOptions.Multiline)]
    private static partial Regex PackageDirective();

    [GeneratedRegex(@"(?<a>[01]) xor (?<b>[01]) -> (?<p>[0-9]+[.,][0-9]+)")]
    private static partial Regex Prediction();
}
