namespace Mlp.Package.Tests;

/// <summary>
/// A user's project outside the repository (none of its Directory.*.props apply) that references only the
/// packed Mlp package: the generator runs, the model's forward and backward passes give the values worked out by
/// hand, a wrong dimension fails the build with MLP001 on the attribute's line, and the packaged code fix mends it.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class ConsumerProjectTests(PackageFeed feed)
{
    private const string Model = """
        using Mlp;

        /// <summary>Two inputs, two hidden units, one output.</summary>
        [Affine(2, 2)]
        [Relu]
        [Affine(2, 1)]
        public partial class Tiny;
        """;

    // Known weights, so that the outputs can be worked out by hand below.
    private const string Program = """
        using System.Globalization;
        using Mlp;

        var model = new Tiny();
        Set("layer0.weights", [1f, -1f, 0.5f, 2f]); // (output, input): rows (1, -1) and (0.5, 2)
        Set("layer0.biases", [0f, -1f]);
        Set("layer2.weights", [2f, -3f]);
        Set("layer2.biases", [0.5f]);

        ReadOnlySpan<float> outputs = model.Forward([1f, 2f, 3f, -1f], batchSize: 2);
        Console.WriteLine("architecture: " + Tiny.Architecture);
        Console.WriteLine("outputs: " + Join(outputs));
        model.Backward([1f, 1f]);
        Console.WriteLine("layer2.weights gradient: " + Join(Find("layer2.weights").Gradients));
        Console.WriteLine("layer2.biases gradient: " + Join(Find("layer2.biases").Gradients));

        void Set(string name, float[] values) => values.CopyTo(Find(name).Values);
        Parameter Find(string name) => model.Parameters.Single(p => p.Name == name);
        static string Join(ReadOnlySpan<float> values) =>
            string.Join(" ", values.ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        """;

    [Fact]
    public void APackageReferenceBuildsAndRunsAModelAndAWrongDimensionIsMlp001OnItsLineAndTheCodeFixMendsIt()
    {
        string app = Path.Combine(feed.Root, "consumer");
        Directory.CreateDirectory(app);
        feed.WriteNuGetConfig(app);
        // Warnings as errors and documentation required: the generated code must compile cleanly in a strict project.
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Mlp" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
        string model = Path.Combine(app, "Model.cs");
        File.WriteAllText(model, Model);

        (int exitCode, string output) = feed.Dotnet(app, "run", "--disable-build-servers", "--nologo");
        Assert.True(exitCode == 0, output);
        // x = (1, 2): hidden relu(1 - 2, 0.5 + 4 - 1) = (0, 3.5), output 2·0 − 3·3.5 + 0.5 = −10.
        // x = (3, −1): hidden relu(3 + 1, 1.5 − 2 − 1) = (4, 0), output 2·4 − 3·0 + 0.5 = 8.5.
        Assert.Contains("architecture: Affine(2, 2) -> Relu -> Affine(2, 1)", output);
        Assert.Contains("outputs: -10 8.5", output);
        // dE/dW2 = Σ over the batch of dE/dy · hidden = (0, 3.5) + (4, 0); dE/db2 = 1 + 1.
        Assert.Contains("layer2.weights gradient: 4 3.5", output);
        Assert.Contains("layer2.biases gradient: 2", output);

        // The package was restored from the folder feed into the empty cache, and brought no Roslyn with it.
        Assert.True(File.Exists(Path.Combine(feed.PackageCache, "mlp", feed.Version, $"mlp.{feed.Version}.nupkg")));
        string assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.DoesNotContain("Microsoft.CodeAnalysis", assets, StringComparison.Ordinal);

        File.WriteAllText(model, Model.Replace("[Affine(2, 1)]", "[Affine(3, 1)]", StringComparison.Ordinal));
        (exitCode, output) = feed.Dotnet(app, "build", "--disable-build-servers", "--nologo");
        Assert.NotEqual(0, exitCode);
        Assert.Contains(model + "(6,2): error MLP001: Affine layer 2 takes 3 inputs but the layer before it outputs 2 (2 ≠ 3); make its input dimension 2", output);

        // dotnet format applies the code fixes that the package ships, as an IDE's light bulb would.
        (exitCode, output) = feed.Dotnet(app, "format", "analyzers", "--diagnostics", "MLP001", "--severity", "error");
        Assert.True(exitCode == 0, output);
        Assert.Equal(Model, File.ReadAllText(model));
    }
}
