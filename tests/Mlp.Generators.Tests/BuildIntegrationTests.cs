using System.Diagnostics;

namespace Mlp.Generators.Tests;

/// <summary>
/// A real <c>dotnet build</c> of a throwaway project that references the runtime and the generator assembly
/// the way a user's project does: the MLP error fails the build on the attribute's line, and the fixed
/// model builds and runs.
/// </summary>
public sealed class BuildIntegrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlp-build-" + Guid.NewGuid().ToString("N"));

    public BuildIntegrationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void AMismatchedDimensionFailsTheBuildOnTheAttributeLineAndTheFixedModelRuns()
    {
        File.WriteAllText(Path.Combine(_folder, "Consumer.csproj"), $"""
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
        File.WriteAllText(Path.Combine(_folder, "Program.cs"), """
            var model = new Classifier(seed: 1);
            var outputs = model.Forward(new float[2 * Classifier.InputDim], batchSize: 2);
            Console.WriteLine($"{Classifier.Architecture} gives {outputs.Length} outputs");
            """);
        string model = Path.Combine(_folder, "Classifier.cs");
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
        var start = new ProcessStartInfo("dotnet", [verb, "--nologo", "-p:UseSharedCompilation=false", "-nodeReuse:false"])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's MSBuild variables would point the child build at the test run's own MSBuild.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {verb} did not finish in 3 minutes");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
