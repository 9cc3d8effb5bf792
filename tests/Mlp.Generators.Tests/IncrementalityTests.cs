using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mlp.Generators.Tests;

/// <summary>The pipeline's model step is cached across edits that do not touch a model, and reruns when a layer changes.</summary>
public sealed class IncrementalityTests
{
    private const string Model = """
        using Mlp;
        namespace Demo;

        [Affine(784, 50)] [Relu] [Affine(50, 784)] [Sigmoid]
        public partial class Autoencoder
        {
        }
        """;

    private const string Unrelated = """
        namespace Demo;
        public static class Helpers
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    [Fact]
    public void AnUnrelatedEditLeavesTheModelStepCached()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree unrelated = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(unrelated,
            CSharpSyntaxTree.ParseText(Unrelated.Replace("2 * x", "3 * x"), GeneratorHarness.ParseOptions, unrelated.FilePath));

        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReasons(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void AMemberAddedToTheModelClassLeavesTheModelUnchanged()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree model = compilation.SyntaxTrees.First();
        string withMember = Model.Replace("{\n}", "{\n    public int Epochs { get; set; }\n}");
        Assert.NotEqual(Model, withMember);
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(model, CSharpSyntaxTree.ParseText(withMember, GeneratorHarness.ParseOptions, model.FilePath));

        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertReasons(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void ChangingALayerRegeneratesTheModel()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree model = compilation.SyntaxTrees.First();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(model,
            CSharpSyntaxTree.ParseText(Model.Replace("[Relu]", "[Tanh]"), GeneratorHarness.ParseOptions, model.FilePath));

        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[ModelGenerator.ModelsStep]).Outputs.Single().Reason);
        Assert.Contains("TanhKernel", result.GeneratedSources.Single().SourceText.ToString());
    }

    private static (GeneratorDriver, CSharpCompilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Model, Unrelated);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(first.TrackedSteps[ModelGenerator.ModelsStep]).Outputs.Single().Reason);
        return (driver, compilation);
    }

    private static void AssertReasons(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        var modelOutputs = result.TrackedSteps[ModelGenerator.ModelsStep].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(modelOutputs);
        Assert.All(modelOutputs, o => Assert.True(allowed.Contains(o.Reason), $"model step: {o.Reason}"));
        var sourceOutputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, o => Assert.True(o.Reason == IncrementalStepRunReason.Cached, $"source output step: {o.Reason}"));
    }
}
