using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Mlp.Generators.Tests;

/// <summary>
/// Runs a generator a second time, after an edit that touches no model, and lists what shows the pipeline would not be
/// cached in an IDE: a tracked step whose outputs are anything but cached or unchanged, an output step that ran again,
/// generated code that changed, or a compiler object (<see cref="RoslynObjectFinder"/>) in any tracked step's output.
/// </summary>
internal static class RerunCheck
{
    /// <summary>The edit: a comment line before every file (moving every position in it) and a new file with an unrelated class.</summary>
    private const string UnrelatedFile = """
        namespace Unrelated;

        /// <summary>Added by the rerun check: nothing a generator should look at.</summary>
        public static class RerunCheckEdit
        {
            public static int Twice(int x) => 2 * x;
        }
        """;

    /// <summary>A driver for <paramref name="generator"/> that records each step's outputs and why it ran, as the check needs.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator, CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>The tracking names <paramref name="generator"/> exposes: its public string constants.</summary>
    public static string[] TrackingNamesOf(Type generator) =>
        generator.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

    /// <summary>
    /// Reruns <paramref name="firstRun"/> (a driver that has run on <paramref name="compilation"/>) after the unrelated
    /// edit, and lists the problems found in the steps named <paramref name="trackingNames"/> and in the output steps.
    /// </summary>
    public static IReadOnlyList<string> Problems(GeneratorDriver firstRun, CSharpCompilation compilation, IReadOnlyCollection<string> trackingNames)
    {
        GeneratorDriverRunResult first = firstRun.GetRunResult();
        GeneratorDriverRunResult second = firstRun.RunGenerators(UnrelatedEdit(compilation)).GetRunResult();
        var problems = new List<string>();
        foreach ((GeneratorRunResult before, GeneratorRunResult after) in first.Results.Zip(second.Results))
        {
            foreach (string name in trackingNames)
            {
                // A step that had nothing to do is not recorded; one that generated code without it names no step.
                if (!before.TrackedSteps.ContainsKey(name) && before.GeneratedSources.Length > 0)
                    problems.Add($"no step is named {name}, yet the generator added sources");
                CheckStep(name, "first run", before, cachedOnly: false, problems);
                CheckStep(name, "rerun", after, cachedOnly: true, problems);
            }
            foreach ((string name, IncrementalGeneratorRunStep step) in after.TrackedOutputSteps.SelectMany(p => p.Value.Select(s => (p.Key, s))))
                foreach ((object _, IncrementalStepRunReason reason) in step.Outputs)
                    if (reason != IncrementalStepRunReason.Cached)
                        problems.Add($"output step {name} ran again ({reason}) after an unrelated edit");
            if (!before.GeneratedSources.Select(Text).SequenceEqual(after.GeneratedSources.Select(Text)))
                problems.Add("the generated sources changed after an unrelated edit");
        }
        return problems;
    }

    private static void CheckStep(string name, string run, GeneratorRunResult result, bool cachedOnly, List<string> problems)
    {
        ImmutableArray<IncrementalGeneratorRunStep> steps = result.TrackedSteps.GetValueOrDefault(name, []);
        for (int s = 0; s < steps.Length; s++)
        {
            for (int o = 0; o < steps[s].Outputs.Length; o++)
            {
                (object value, IncrementalStepRunReason reason) = steps[s].Outputs[o];
                string output = $"step {name} ({run}), output {s}.{o}";
                problems.AddRange(RoslynObjectFinder.Find(value, output));
                if (cachedOnly && reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                    problems.Add($"{output} is {reason} after an unrelated edit: {value}");
            }
        }
    }

    private static string Text(GeneratedSourceResult source) => source.HintName + "\n" + source.SourceText;

    /// <summary><paramref name="compilation"/> with a comment line before every file and one more file, with an unrelated class.</summary>
    public static CSharpCompilation UnrelatedEdit(CSharpCompilation compilation)
    {
        CSharpCompilation edited = compilation;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            string text = "// edited by the rerun check\n" + tree.GetText();
            edited = edited.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)tree.Options, tree.FilePath));
        }
        var options = compilation.SyntaxTrees.FirstOrDefault()?.Options as CSharpParseOptions ?? CSharpParseOptions.Default;
        return edited.AddSyntaxTrees(CSharpSyntaxTree.ParseText(UnrelatedFile, options, "RerunCheckEdit.cs"));
    }
}
