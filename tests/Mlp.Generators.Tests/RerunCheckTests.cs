using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mlp.Generators.Tests;

/// <summary>
/// The check every generator test goes through (<see cref="RerunCheck"/>) catches what it is for, shown with tiny
/// throwaway generators: a step that outputs a symbol, and a step whose outputs are never equal from run to run.
/// </summary>
public sealed class RerunCheckTests
{
    /// <summary>Two classes the throwaway generators pick out, as the model generator picks out models, by an attribute.</summary>
    private const string Source = """
        namespace Demo;

        [System.Obsolete] public partial class First { }

        [System.Obsolete] public partial class Second { }
        """;

    private const string Attribute = "System.ObsoleteAttribute";

    [Fact]
    public void AStepThatOutputsSymbolsIsCaughtWhereverTheyLie()
    {
        IReadOnlyList<string> problems = Check(new SymbolOutputGenerator(), SymbolOutputGenerator.Step);

        foreach (string run in new[] { "first run", "rerun" })
            foreach (int index in new[] { 0, 1 })
                Assert.Contains(problems, p => p.StartsWith($"step Classes ({run}), output 0.{index}.Symbol is a ISymbol", StringComparison.Ordinal));
    }

    [Fact]
    public void AStepWhoseOutputsAreNeverEqualIsCaughtAsNotCached()
    {
        IReadOnlyList<string> problems = Check(new UnequalOutputGenerator(), UnequalOutputGenerator.Step);

        Assert.Equal(
        [
            "step Names (rerun), output 0.0 is Modified after an unrelated edit: ClassNames { Names = System.String[] }",
            "step Names (rerun), output 0.1 is Modified after an unrelated edit: ClassNames { Names = System.String[] }",
            "output step SourceOutput ran again (Modified) after an unrelated edit",
            "output step SourceOutput ran again (Modified) after an unrelated edit",
        ], problems);
    }

    [Fact]
    public void AStepOfEquatableDataPasses()
    {
        Assert.Empty(Check(new EquatableOutputGenerator(), EquatableOutputGenerator.Step));
    }

    [Fact]
    public void ATrackingNameThatNoStepHasIsReported()
    {
        IReadOnlyList<string> problems = Check(new EquatableOutputGenerator(), "Nmaes");

        Assert.Equal(["no step is named Nmaes, yet the generator added sources"], problems);
    }

    [Fact]
    public void CompilerObjectsAreFoundInRecordsTuplesListsAndArrays()
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(Source);
        var nested = new Holder("outer", [("first", null), ("second", new List<object> { 3, tree.GetRoot().GetLocation() })], Inner: null);
        var holder = new Holder("top", [], nested);

        Assert.Equal(["value.Inner.Items[1].Item2._items[1] is a Location (SourceLocation)"], RoslynObjectFinder.Find(holder, "value"));
        Assert.Empty(RoslynObjectFinder.Find(new Holder("plain", [("a", new List<object> { 1, "b" })], Inner: null), "value"));
    }

    [Fact]
    public void TheModelGeneratorsTrackingNamesAreItsStringConstants()
    {
        Assert.Contains(ModelGenerator.ModelsStep, RerunCheck.TrackingNamesOf(typeof(ModelGenerator)));
        Assert.Equal(["Names"], RerunCheck.TrackingNamesOf(typeof(EquatableOutputGenerator)));
    }

    private static IReadOnlyList<string> Check(IIncrementalGenerator generator, string trackingName)
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Source);
        GeneratorDriver firstRun = RerunCheck.CreateDriver(generator, GeneratorHarness.ParseOptions).RunGenerators(compilation);
        return RerunCheck.Problems(firstRun, compilation, [trackingName]);
    }

    private sealed record Holder(string Name, (string, List<object>?)[] Items, Holder? Inner);

    /// <summary>Keeps each class's symbol in its step's output: the mistake the check is for.</summary>
    private sealed class SymbolOutputGenerator : IIncrementalGenerator
    {
        public const string Step = "Classes";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ClassSymbol> classes = context.SyntaxProvider
                .ForAttributeWithMetadataName(Attribute, static (node, _) => node is ClassDeclarationSyntax, static (target, _) => new ClassSymbol(target.TargetSymbol.Name, target.TargetSymbol))
                .WithTrackingName(Step);
            context.RegisterSourceOutput(classes, static (output, c) => output.AddSource(c.Name + ".g.cs", "// " + c.Name));
        }

        private sealed record ClassSymbol(string Name, ISymbol Symbol);
    }

    /// <summary>Outputs records holding an array, which records compare by reference: never equal to the last run's.</summary>
    private sealed class UnequalOutputGenerator : IIncrementalGenerator
    {
        public const string Step = "Names";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ClassNames> names = context.SyntaxProvider
                .ForAttributeWithMetadataName(Attribute, static (node, _) => node is ClassDeclarationSyntax, static (target, _) => new ClassNames([target.TargetSymbol.Name]))
                .WithTrackingName(Step);
            context.RegisterSourceOutput(names, static (output, n) => output.AddSource(n.Names[0] + ".g.cs", "// " + n.Names[0]));
        }

        private sealed record ClassNames(string[] Names);
    }

    /// <summary>Outputs each class's name: unchanged after any edit that keeps the names.</summary>
    private sealed class EquatableOutputGenerator : IIncrementalGenerator
    {
        public const string Step = "Names";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<string> names = context.SyntaxProvider
                .ForAttributeWithMetadataName(Attribute, static (node, _) => node is ClassDeclarationSyntax, static (target, _) => target.TargetSymbol.Name)
                .WithTrackingName(Step);
            context.RegisterSourceOutput(names, static (output, name) => output.AddSource(name + ".g.cs", "// " + name));
        }
    }
}
