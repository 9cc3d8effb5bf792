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
        GeneratorRunResult result = RerunWith(Unrelated.Replace("2 * x", "3 * x"), treeIndex: 1);

        AssertReasons(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void AMemberAddedToTheModelClassLeavesTheModelUnchanged()
    {
        string withMember = Model.Replace("{\n}", "{\n    public int Epochs { get; set; }\n}");
        Assert.NotEqual(Model, withMember);

        GeneratorRunResult result = RerunWith(withMember, treeIndex: 0);

        AssertReasons(result, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void ChangingALayerRegeneratesTheModel()
    {
        GeneratorRunResult result = RerunWith(Model.Replace("[Relu]", "[Tanh]"), treeIndex: 0);

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[ModelGenerator.ModelsStep]).Outputs.Single().Reason);
        Assert.Contains("TanhKernel", result.GeneratedSources.Single().SourceText.ToString());
    }

    /// <summary>Runs the generator on the model and the unrelated file, then again with file <paramref name="treeIndex"/> replaced by <paramref name="text"/>.</summary>
    private static GeneratorRunResult RerunWith(string text, int treeIndex)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Model, Unrelated);
        GeneratorDriver driver = GeneratorHarness.Run(compilation);
        Assert.Equal(IncrementalStepRunReason.New, Assert.Single(driver.GetRunResult().Results.Single().TrackedSteps[ModelGenerator.ModelsStep]).Outputs.Single().Reason);

        SyntaxTree tree = compilation.SyntaxTrees.ElementAt(treeIndex);
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, tree.FilePath));
        return driver.RunGenerators(edited).GetRunResult().Results.Single();
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
