using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Mlp.CodeFixes;

namespace Mlp.Generators.Tests;

/// <summary>
/// The MLP001 code fix, driven by the Roslyn code-fix test framework: the analyzer reports the marked span, the fix
/// produces the fixed text, and the framework also checks Fix All (document, project, solution) and that the fixed
/// code has no diagnostic left. The reference assemblies are given explicitly, so the framework downloads nothing.
/// </summary>
public sealed class CodeFixTests
{
    [Fact]
    public Task APositionalInputDimensionBecomesThePreviousOutput() => Verify("""
        using Mlp;

        [Affine(784, 50)] [Relu] [{|MLP001:Affine(60, 10)|}] [Softmax]
        public partial class Classifier;
        """, """
        using Mlp;

        [Affine(784, 50)] [Relu] [Affine(50, 10)] [Softmax]
        public partial class Classifier;
        """, expectedTitle: "Make the input dimension 50");

    [Fact]
    public Task ANamedInputDimensionIsFoundWhereverItStands() => Verify("""
        using Mlp;

        [Affine(inputDim: 784, outputDim: 50)]
        [{|MLP001:Affine(inputDim: 60, outputDim: 10)|}]
        [{|MLP001:Affine(outputDim: 3, inputDim: 12)|}]
        public partial class Named;
        """, """
        using Mlp;

        [Affine(inputDim: 784, outputDim: 50)]
        [Affine(inputDim: 50, outputDim: 10)]
        [Affine(outputDim: 3, inputDim: 10)]
        public partial class Named;
        """);

    [Fact]
    public Task OtherAttributesArgumentsAndTriviaAreLeftAlone() => Verify("""
        using System;
        using Mlp;

        [Obsolete("not this one", false)]
        [Affine(784, 50), Dropout(0.5f)] // two in one list
        [{|MLP001:Affine( /* was */ 60 /* wrong */ , 10)|}, LeakyRelu(0.2f)]
        [Mlp.Affine(10, 10)]
        public partial class Mixed;
        """, """
        using System;
        using Mlp;

        [Obsolete("not this one", false)]
        [Affine(784, 50), Dropout(0.5f)] // two in one list
        [Affine( /* was */ 50 /* wrong */ , 10), LeakyRelu(0.2f)]
        [Mlp.Affine(10, 10)]
        public partial class Mixed;
        """);

    [Fact]
    public Task ConstantsAndQualifiedNamesAreFixedToo() => Verify("""
        static class Sizes { public const int Hidden = 60; }

        [Mlp.AffineAttribute(784, 50)]
        [{|MLP001:Mlp.AffineAttribute(Sizes.Hidden, 10)|}]
        public partial class Qualified;
        """, """
        static class Sizes { public const int Hidden = 60; }

        [Mlp.AffineAttribute(784, 50)]
        [Mlp.AffineAttribute(50, 10)]
        public partial class Qualified;
        """);

    [Fact]
    public Task FixAllMendsEveryMismatchInTheDocument() => Verify("""
        using Mlp;

        [Affine(784, 50)] [Relu] [{|MLP001:Affine(60, 20)|}] [Relu] [{|MLP001:Affine(25, 10)|}]
        public partial class First;

        [Affine(3, 4)] [{|MLP001:Affine(5, 6)|}]
        public partial class Second;
        """, """
        using Mlp;

        [Affine(784, 50)] [Relu] [Affine(50, 20)] [Relu] [Affine(20, 10)]
        public partial class First;

        [Affine(3, 4)] [Affine(4, 6)]
        public partial class Second;
        """);

    [Fact]
    public void TheFixIsOfferedForMlp001AndFixAllIsBatched()
    {
        var fix = new AffineInputDimensionCodeFix();
        Assert.Equal(["MLP001"], fix.FixableDiagnosticIds.ToArray());
        Assert.Same(Microsoft.CodeAnalysis.CodeFixes.WellKnownFixAllProviders.BatchFixer, fix.GetFixAllProvider());
    }

    private static Task Verify(string source, string fixedSource, string? expectedTitle = null)
    {
        var test = new CSharpCodeFixTest<ModelAnalyzer, AffineInputDimensionCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            // No reference-assembly package: the framework would fetch one from NuGet. Supply them instead.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
            CodeActionEquivalenceKey = AffineInputDimensionCodeFix.EquivalenceKey,
        };
        if (expectedTitle is not null)
            test.CodeActionVerifier = (action, verifier) => verifier.Equal(expectedTitle, action.Title);
        foreach (ProjectState project in new[] { test.TestState, test.FixedState, test.BatchFixedState })
        {
            project.AdditionalReferences.AddRange(Net100.References.All);
            project.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(Mlp.AffineAttribute).Assembly.Location));
        }
        return test.RunAsync();
    }
}
