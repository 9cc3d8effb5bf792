using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mlp.Generators.Tests;

/// <summary>
/// Compiles test sources against .NET 10 reference assemblies and the Mlp runtime, with the generator and analyzer.
/// Every run of the generator here also goes through <see cref="RerunCheck"/>: run again after an unrelated edit,
/// each step named by the generator's tracking-name constants must be cached or unchanged and hold no compiler objects.
/// </summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(Mlp.AffineAttribute).Assembly.Location)];

    /// <summary>The tracking names <see cref="ModelGenerator"/> exposes as constants.</summary>
    private static readonly string[] TrackingNames = RerunCheck.TrackingNamesOf(typeof(ModelGenerator));

    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "TestModels",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Runs the generator on <paramref name="compilation"/>, checks that a rerun is cached, and returns the driver after the first run.</summary>
    public static GeneratorDriver Run(CSharpCompilation compilation) =>
        Checked(RerunCheck.CreateDriver(new ModelGenerator(), ParseOptions).RunGenerators(compilation), compilation);

    /// <summary>The compilation with the generated sources added (the rerun checked), as a build would compile it.</summary>
    public static Compilation Generate(params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        Checked(RerunCheck.CreateDriver(new ModelGenerator(), ParseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _), compilation);
        return output;
    }

    /// <summary>Runs the generator and the analyzer the way a build does and returns everything they and the compiler report.</summary>
    public static BuildResult Build(params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = Checked(
            RerunCheck.CreateDriver(new ModelGenerator(), ParseOptions).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics),
            compilation);
        GeneratorDriverRunResult run = driver.GetRunResult();
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers([new ModelAnalyzer()], new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false))
            .GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        return new BuildResult(run, [.. generatorDiagnostics, .. analyzerDiagnostics]);
    }

    private static GeneratorDriver Checked(GeneratorDriver firstRun, CSharpCompilation compilation)
    {
        IReadOnlyList<string> problems = RerunCheck.Problems(firstRun, compilation, TrackingNames);
        Assert.True(problems.Count == 0, "The generator's rerun after an unrelated edit:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        return firstRun;
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
