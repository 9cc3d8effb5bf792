using Microsoft.CodeAnalysis;

namespace Mlp.Generators.Tests;

/// <summary>
/// A model whose attributes have errors gets a shell of throwing members (see <see cref="BrokenModelTests"/>); both
/// emitters read one member table, and this compiles a valid model and a broken one through the generator and
/// compares what they declare.
/// </summary>
public sealed class ModelSurfaceTests
{
    private const string Source = "[Affine(7, 33)] [Affine(33, 7)] public partial class Source;";

    public static TheoryData<string, string> Pairs => new()
    {
        // Every kind of layer, one argument out of range (MLP005).
        {
            "[Dropout(0.8f)] [Affine(7, 33)] [Relu] [Affine(33, 12)] [LeakyRelu(0.2f)] [Elu(0.7f)] [Sigmoid] [Tanh] [Affine(12, 3)] [Softmax] [TransferLayer(1, typeof(Source), 0)]",
            "[Dropout(1.5f)] [Affine(7, 33)] [Relu] [Affine(33, 12)] [LeakyRelu(0.2f)] [Elu(0.7f)] [Sigmoid] [Tanh] [Affine(12, 3)] [Softmax] [TransferLayer(1, typeof(Source), 0)]"
        },
        // BatchNorm's parameters, state tensors and state members, its momentum out of range (MLP005).
        { "[BatchNorm] [Affine(7, 33)] [BatchNorm] [Relu] [Affine(33, 5)]", "[BatchNorm] [Affine(7, 33)] [BatchNorm(0f)] [Relu] [Affine(33, 5)]" },
        // Widths that do not chain (MLP001).
        { "[Affine(7, 33)] [Relu] [Affine(33, 5)]", "[Affine(7, 33)] [Relu] [Affine(30, 5)]" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void TheBrokenModelsShellDeclaresTheValidModelsPublicMembers(string valid, string broken)
    {
        (string[] validMembers, string validCode) = Members(valid);
        (string[] shellMembers, string shellCode) = Members(broken);

        Assert.DoesNotContain("throw Broken()", validCode);
        Assert.Contains("throw Broken()", shellCode);
        Assert.Contains("static int InputDim", validMembers);
        Assert.Contains(validMembers, m => m.EndsWith("Weights", StringComparison.Ordinal));
        Assert.Equal(validMembers, shellMembers);
    }

    /// <summary>
    /// The public and explicitly implemented members of <c>M</c> as declared by the generator, sorted; a constant and
    /// a static property of the same type read alike (the shell cannot know the constant's value).
    /// </summary>
    private static (string[] Members, string Code) Members(string layers)
    {
        Compilation output = GeneratorHarness.Generate($"using Mlp;\n{Source}\n{layers} public partial class M;");
        INamedTypeSymbol type = output.GetTypeByMetadataName("M")!;
        string[] members = type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && (m.DeclaredAccessibility == Accessibility.Public || IsExplicitImplementation(m)))
            .Select(Describe)
            .Where(d => d is not null)
            .Select(d => d!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        string code = string.Concat(output.SyntaxTrees.Where(t => Path.GetFileName(t.FilePath) == "M.g.cs").Select(t => t.ToString()));
        Assert.NotEmpty(code);
        return (members, code);
    }

    private static bool IsExplicitImplementation(ISymbol member) => member switch
    {
        IPropertySymbol p => p.ExplicitInterfaceImplementations.Length > 0,
        IMethodSymbol m => m.ExplicitInterfaceImplementations.Length > 0 && m.AssociatedSymbol is null,
        _ => false,
    };

    private static string? Describe(ISymbol member) => member switch
    {
        IFieldSymbol { IsConst: true } f => $"static {f.Type} {f.Name}",
        IPropertySymbol p => $"{(p.IsStatic ? "static " : "")}{p.Type} {p.Name}",
        IMethodSymbol { AssociatedSymbol: null } m => $"{m.ReturnType} {m.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}",
        IMethodSymbol => null,                                              // property accessors: the property is listed
        _ => $"{member.Kind} {member.Name}",
    };
}
