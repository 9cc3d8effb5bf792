using Microsoft.CodeAnalysis;

namespace Mlp.Generators.Tests;

/// <summary>The README's diagnostics section shows, for every id, a mistake and the exact message the analyzer gives for it.</summary>
public sealed class ReadmeDiagnosticsTests
{
    /// <summary>One declaration per diagnostic, as the README shows it.</summary>
    public static TheoryData<string, string> Mistakes => new()
    {
        { "MLP001", "[Affine(784, 50)] [Affine(60, 10)] partial class M;" },
        { "MLP002", "[Affine(784, 0)] partial class M;" },
        { "MLP003", "[Affine(784, 10)] class M;" },
        { "MLP004", "[Relu] [Softmax] partial class M;" },
        { "MLP005", "[Affine(784, 10)] [Dropout(1.5f)] partial class M;" },
        { "MLP006", "partial class Outer { [Affine(784, 10)] partial class M; }" },
        { "MLP007", "[Affine(784, 10)] partial class M<T>;" },
        { "MLP008", "[Affine(784, 10)] static partial class M;" },
        { "MLP009", "[Affine(784, 10)] partial class M; [Relu] partial class M;" },
        { "MLP010", "class NotAModel; [Affine(784, 10)] [TransferLayer(0, typeof(NotAModel), 0)] partial class M;" },
        { "MLP011", "[Affine(784, 50)] [Relu] partial class Source; [Affine(784, 50)] [TransferLayer(0, typeof(Source), 1)] partial class M;" },
        { "MLP012", "[Affine(784, 60)] partial class Source; [Affine(784, 50)] [TransferLayer(0, typeof(Source), 0)] partial class M;" },
        { "MLP013", "[Affine(784, 50)] partial class Source; [Affine(784, 50)] [TransferLayer(0, typeof(Source), 0)] [TransferLayer(0, typeof(Source), 0)] partial class M;" },
        { "MLP014", "[Affine(65536, 65536)] partial class M;" },
        { "MLP015", "namespace Mlp { class ReluAttribute(int width) : System.Attribute; } [Mlp.Affine(784, 10)] [Mlp.Relu(3)] partial class M;" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void TheReadmeShowsTheMistakeAndItsMessage(string id, string declaration)
    {
        BuildResult result = GeneratorHarness.Build("using Mlp;\n" + declaration);
        Diagnostic diagnostic = Assert.Single(result.Mlp);
        Assert.Equal(id, diagnostic.Id);
        string readme = File.ReadAllText(Repository.Path("README.md"));
        string row = $"| {id} | `{declaration}` | {diagnostic.GetMessage()} |";
        Assert.True(readme.Contains(row, StringComparison.Ordinal), $"README.md lacks the row:{Environment.NewLine}{row}");
    }
}
