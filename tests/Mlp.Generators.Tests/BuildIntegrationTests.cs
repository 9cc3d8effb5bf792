namespace Mlp.Generators.Tests;

/// <summary>
/// A real <c>dotnet build</c> of a throwaway project that references the runtime and the generator assembly
/// the way a user's project does: the MLP error fails the build on the attribute's line, and the fixed
/// model builds and runs.
/// </summary>
public sealed class BuildIntegrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AMismatchedDimensionFailsTheBuildOnTheAttributeLineAndTheFixedModelRuns()
    {
        File.WriteAllText(_folder.File("Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <Reference Include="Mlp.Runtime" HintPath="{typeof(Mlp.AffineAttribute).Assembly.Location}" />
                <Analyzer Include="{typeof(ModelGenerator).Assembly.Location}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(_folder.File("Program.cs"), """
            var model = new Classifier(seed: 1);
            var outputs = model.Forward(new float[2 * Classifier.InputDim], batchSize: 2);
            Console.WriteLine($"{Classifier.Architecture} gives {outputs.Length} outputs");
            """);
        string model = _folder.File("Classifier.cs");
        File.WriteAllText(model, """
            using Mlp;

            [Affine(784, 50)]
            [Affine(60, 10)]
            public partial class Classifier;
            """);

        (int exitCode, string output) = Dotnet("build");
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Classifier.cs(4,2): error MLP001: Affine layer 1 takes 60 inputs but the layer before it outputs 50", output);

        File.WriteAllText(model, File.ReadAllText(model).Replace("Affine(60, 10)", "Affine(50, 10)"));
        (exitCode, output) = Dotnet("run");
        Assert.True(exitCode == 0, output);
        Assert.Contains("Affine(784, 50) -> Affine(50, 10) gives 20 outputs", output);
    }

    private (int ExitCode, string Output) Dotnet(string verb)
    {
        ProcessResult run = ChildProcess.Run("dotnet", [verb, "--nologo", "-p:UseSharedCompilation=false", "-nodeReuse:false"],
            _folder.Path, TimeSpan.FromMinutes(3));
        return (run.ExitCode, run.Output);
    }
}
