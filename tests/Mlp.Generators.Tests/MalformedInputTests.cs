using Microsoft.CodeAnalysis;

namespace Mlp.Generators.Tests;

/// <summary>
/// Broken or half-typed declarations: the generator and analyzer never throw (no CS8785 or AD0001), and the
/// user always sees at least one error, from the compiler or from Mlp.
/// </summary>
public sealed class MalformedInputTests
{
    public static TheoryData<string> Sources => new()
    {
        "using Mlp; [Affine] public partial class M;",
        "using Mlp; [Affine(784)] public partial class M;",
        "using Mlp; [Affine(784, 50, 3)] public partial class M;",
        "using Mlp; [Affine(\"784\", 50)] public partial class M;",
        "using Mlp; [Affine(784, 50.5)] public partial class M;",
        "using Mlp; public partial class M { const int N = 3; static int n = 3; } [Affine(n, 5)] public partial class M;",
        "using Mlp; [Affine(784, 50), Unknown] public partial class M;",
        "using Mlp; [Affine(784, 50)] [LeakyRelu(\"steep\")] public partial class M;",
        "using Mlp; [Affine(784, 50)] [Dropout] public partial class M;",
        "using Mlp; [Affine(784, ",
        "using Mlp; [Affine(784, 50)] public partial class",
        "using Mlp; [Affine(784, 50)] public partial class M : NoSuchBase;",
        "using Mlp; [Affine(4, 2)] [TransferLayer(0, typeof(Missing), 0)] public partial class M;",
        "using Mlp; [Affine(4, 2)] [TransferLayer(0, null, 0)] public partial class M;",
        "using Mlp; [Affine(4, 2)] [TransferLayer(0, typeof(int[]), 0)] public partial class M;",
        "using Mlp; [Affine(4, 2)] public partial interface M;",
        "using Mlp; [Affine(4, 2)] public partial struct M;",
        "using Mlp; [Affine(4, 2)] public enum M { A }",
        "using Mlp; [Affine(4, 2)] public partial class M { public void Forward() { } public int InputDim; }",
        "using Mlp; [Affine(4, 2)] public partial class M { public M(int seed) { } }",
        "[Affine(4, 2)] public partial class NoUsing;",
        "namespace Mlp { public class AffineAttribute : System.Attribute { } } [Mlp.Affine] public partial class Shadowed;",
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void NeverThrowsAndAlwaysReportsAnError(string source)
    {
        BuildResult result = GeneratorHarness.Build(source);
        Assert.Null(result.Run.Results.Single().Exception);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id is "CS8785" or "AD0001");
        Assert.True(result.Errors.Any(d => d.Id.StartsWith("MLP", StringComparison.Ordinal) || d.Id.StartsWith("CS", StringComparison.Ordinal)),
            "No error for a malformed model:" + Environment.NewLine + result.Describe());
    }
}
