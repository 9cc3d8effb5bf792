using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mlp.Generators.Tests;

/// <summary>Compiles test sources against .NET 10 reference assemblies and the Mlp runtime, with the generator and analyzer.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(Mlp.AffineAttribute).Assembly.Location)];

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestModels",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new ModelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and the analyzer the way a build does and returns everything they and the compiler report.</summary>
    public static BuildResult Build(params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers([new ModelAnalyzer()], new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false))
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return new BuildResult(run, [.. generatorDiagnostics, .. analyzerDiagnostics]);
    }
}

/// <summary>What one build produced: the generator's run and every diagnostic (compiler, generator, analyzer).</summary>
internal sealed record BuildResult(GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> Diagnostics)
{
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<Diagnostic> WarningsAndErrors => Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning);

    public IEnumerable<Diagnostic> Mlp => Diagnostics.Where(d => d.Id.StartsWith("MLP", StringComparison.Ordinal));

    public string GeneratedSource(string hintName) =>
        Run.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    public string Describe() => string.Join(Environment.NewLine, Diagnostics.Select(d => d.ToString()));
}
