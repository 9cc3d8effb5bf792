using Microsoft.CodeAnalysis;

namespace Mlp.Generators.Tests;

/// <summary>Each MLP diagnostic: its id, its exact location (the offending attribute or class name) and its message.</summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void DimensionsThatDoNotChainAreMlp001OnTheSecondAttribute()
    {
        Diagnostic d = Single("""
            using Mlp;
            [Affine(784, 50)] [Affine(60, 10)]
            public partial class Broken;
            """, "MLP001", "Affine(60, 10)");
        Assert.Equal(1, d.Location.GetLineSpan().StartLinePosition.Line); // the attribute's own line (0-based)
        Assert.Equal("Affine layer 1 takes 60 inputs but the layer before it outputs 50 (50 ≠ 60); make its input dimension 50", d.GetMessage());
    }

    [Fact]
    public void Mlp001CarriesTheInputDimensionNeededForTheCodeFix()
    {
        BuildResult result = GeneratorHarness.Build("""
            using Mlp;
            [Affine(784, 50)] [Relu] [Affine(60, 10)] [Affine(7, 3)]
            public partial class Broken;
            """);
        // Each layer is checked against the declared output of the one before, so the two fixes are independent.
        Assert.Equal([("MLP001", "50"), ("MLP001", "10")],
            result.Mlp.OrderBy(d => d.Location.SourceSpan.Start).Select(d => (d.Id, d.Properties[DiagnosticProperties.ExpectedInputDim])));
    }

    [Fact]
    public void ActivationsBetweenAffineLayersCarryTheWidthForMlp001() =>
        Single("""
            using Mlp;
            [Affine(784, 50)] [Relu] [Dropout(0.5f)]
            [Affine(49, 10)]
            public partial class Broken;
            """, "MLP001", "Affine(49, 10)");

    [Theory]
    [InlineData("[Affine(0, 10)]", "Affine(0, 10)", "input dimension 0")]
    [InlineData("[Affine(10, -3)]", "Affine(10, -3)", "output dimension -3")]
    public void NonPositiveDimensionsAreMlp002(string attributes, string span, string fragment)
    {
        Diagnostic d = Single($"using Mlp; {attributes} public partial class Broken;", "MLP002", span);
        Assert.Contains(fragment, d.GetMessage());
    }

    [Fact]
    public void AModelThatIsNotPartialIsMlp003()
    {
        Diagnostic d = Single("""
            using Mlp;
            [Affine(4, 2)]
            public class Whole;
            """, "MLP003", "Whole");
        Assert.Contains("'Whole' declares layers but is not partial", d.GetMessage());
    }

    [Fact]
    public void AModelWithoutAnAffineLayerIsMlp004() =>
        Single("using Mlp; [Relu] [Sigmoid] public partial class OnlyActivations;", "MLP004", "Relu");

    [Theory]
    [InlineData("[LeakyRelu(-0.1f)]", "LeakyRelu(-0.1f)", "alpha must be a finite number at least 0, but is -0.1")]
    [InlineData("[Elu(0f)]", "Elu(0f)", "alpha must be a finite number above 0, but is 0")]
    [InlineData("[Dropout(0f)]", "Dropout(0f)", "the inclusion probability must be in (0, 1], but is 0")]
    [InlineData("[Dropout(1.5f)]", "Dropout(1.5f)", "the inclusion probability must be in (0, 1], but is 1.5")]
    [InlineData("[Dropout(float.NaN)]", "Dropout(float.NaN)", "but is NaN")]
    [InlineData("[BatchNorm(0f)]", "BatchNorm(0f)", "Layer 1, BatchNorm: the momentum must be in (0, 1], but is 0")]
    [InlineData("[BatchNorm(momentum: 1.25f)]", "BatchNorm(momentum: 1.25f)", "the momentum must be in (0, 1], but is 1.25")]
    public void InvalidLayerArgumentsAreMlp005(string attribute, string span, string fragment)
    {
        Diagnostic d = Single($"using Mlp; [Affine(4, 4)] {attribute} public partial class Broken;", "MLP005", span);
        Assert.Contains(fragment, d.GetMessage());
    }

    [Fact]
    public void NestedModelsAreMlp006() =>
        Single("""
            using Mlp;
            public partial class Outer
            {
                [Affine(4, 2)] public partial class Inner;
            }
            """, "MLP006", "Inner");

    [Fact]
    public void GenericModelsAreMlp007() =>
        Single("using Mlp; [Affine(4, 2)] public partial class Generic<T>;", "MLP007", "Generic");

    [Theory]
    [InlineData("public static partial class Model;", "a static class")]
    [InlineData("public abstract partial class Model;", "an abstract class")]
    [InlineData("public partial record Model;", "a record")]
    public void ModelsThatAreNotPlainClassesAreMlp008(string declaration, string kind)
    {
        Diagnostic d = Single($"using Mlp; [Affine(4, 2)] {declaration}", "MLP008", "Model");
        Assert.Contains(kind, d.GetMessage());
    }

    [Fact]
    public void LayersSplitOverTwoDeclarationsAreMlp009() =>
        Single("""
            using Mlp;
            [Affine(4, 2)] public partial class Split;
            [Relu] public partial class Split;
            """, "MLP009", "Split");

    [Fact]
    public void ATransferFromATypeThatIsNotAModelIsMlp010() =>
        Single("""
            using Mlp;
            public class NotAModel;
            [Affine(4, 2)] [TransferLayer(0, typeof(NotAModel), 0)] public partial class Model;
            """, "MLP010", "TransferLayer(0, typeof(NotAModel), 0)");

    [Theory]
    [InlineData("TransferLayer(1, typeof(Source), 0)", "Layer 1 of 'Target' is Relu, not an Affine layer")]
    [InlineData("TransferLayer(0, typeof(Source), 1)", "Layer 1 of 'Source' is Sigmoid, not an Affine layer")]
    [InlineData("TransferLayer(0, typeof(Source), 5)", "'Source' has 2 layers (0 to 1); there is no layer 5")]
    [InlineData("TransferLayer(-1, typeof(Source), 0)", "'Target' has 3 layers (0 to 2); there is no layer -1")]
    public void ATransferBetweenLayersThatAreNotAffineIsMlp011(string attribute, string message)
    {
        Diagnostic d = Single($$"""
            using Mlp;
            [Affine(4, 2)] [Sigmoid] public partial class Source;
            [Affine(4, 2)] [Relu] [Affine(2, 1)] [{{attribute}}] public partial class Target;
            """, "MLP011", attribute);
        Assert.Equal(message, d.GetMessage());
    }

    [Fact]
    public void ATransferBetweenAffineLayersOfDifferentShapesIsMlp012()
    {
        Diagnostic d = Single("""
            using Mlp;
            [Affine(784, 60)] [Relu] [Affine(60, 784)] public partial class Autoencoder;
            [Affine(784, 50)] [Relu] [Affine(50, 10)] [TransferLayer(0, typeof(Autoencoder), 0)] public partial class Classifier;
            """, "MLP012", "TransferLayer(0, typeof(Autoencoder), 0)");
        Assert.Equal("Layer 0 of 'Classifier' is Affine(784, 50) but layer 0 of 'Autoencoder' is Affine(784, 60); weights can only be copied between Affine layers of the same shape", d.GetMessage());
    }

    [Fact]
    public void TwoTransfersIntoOneLayerAreMlp013() =>
        Single("""
            using Mlp;
            [Affine(4, 2)] public partial class Source;
            [Affine(4, 2)] [TransferLayer(0, typeof(Source), 0)] [TransferLayer(0, typeof(Target), 0)] public partial class Target;
            """, "MLP013", "TransferLayer(0, typeof(Target), 0)");

    [Fact]
    public void ModelsWhoseParametersDoNotFitAnArrayAreMlp014()
    {
        Diagnostic d = Single("using Mlp; [Affine(65536, 65536)] public partial class Huge;", "MLP014", "Huge");
        Assert.Contains("4,295,032,832 parameters", d.GetMessage());
    }

    [Fact]
    public void AnAttributeNamedLikeOursWithOtherArgumentsIsMlp015() =>
        Single("""
            namespace Mlp { public sealed class ReluAttribute(int width) : System.Attribute { } }
            [Mlp.Affine(4, 2)] [Mlp.Relu(3)] public partial class Shadowed;
            """, "MLP015", "Mlp.Relu(3)");

    [Fact]
    public void EveryDescriptorIsTrackedInTheReleaseFiles()
    {
        string folder = Repository.Path("src", "Mlp.Generators");
        string tracked = File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Shipped.md")) + File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Unshipped.md"));
        var ids = new ModelAnalyzer().SupportedDiagnostics.Select(d => d.Id).ToList();
        Assert.Equal(15, ids.Count);
        Assert.All(ids, id => Assert.Contains($"{id} |", tracked));
    }

    /// <summary>Asserts the source yields exactly one MLP diagnostic, with <paramref name="id"/>, located exactly on <paramref name="spanText"/>.</summary>
    private static Diagnostic Single(string source, string id, string spanText)
    {
        BuildResult result = GeneratorHarness.Build(source);
        Diagnostic d = Assert.Single(result.Mlp);
        Assert.True(d.Id == id, $"Expected {id} but got: {result.Describe()}");
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        int start = source.IndexOf(spanText, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{spanText}' is not in the source");
        Assert.Equal(start, d.Location.SourceSpan.Start);
        Assert.Equal(spanText.Length, d.Location.SourceSpan.Length);
        Assert.Null(result.Run.Results.Single().Exception);
        return d;
    }
}
