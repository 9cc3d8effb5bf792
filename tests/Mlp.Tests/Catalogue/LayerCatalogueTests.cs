using System.Reflection;
using Mlp.Tests.Generated;

namespace Mlp.Tests.Catalogue;

/// <summary>The layer catalogue is complete and agrees with the types it names: attributes, kernels, test models.</summary>
public sealed class LayerCatalogueTests
{
    private static readonly Assembly Runtime = typeof(LayerCatalogue).Assembly;

    public static TheoryData<LayerKind> Kinds => new(Enum.GetValues<LayerKind>());

    [Fact]
    public void EveryLayerKindHasOneRowInEnumOrder()
    {
        Assert.Equal(Enum.GetValues<LayerKind>(), LayerCatalogue.Rows.Select(r => r.Kind));
        foreach (LayerKind kind in Enum.GetValues<LayerKind>())
            Assert.Equal(kind, LayerCatalogue.Of(kind).Kind);
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => LayerCatalogue.Of((LayerKind)(-1)));
        Assert.Throws<ArgumentOutOfRangeException>("kind", () => LayerCatalogue.Of((LayerKind)LayerCatalogue.Rows.Count));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheAttributeExistsWithTheRowsConstructor(LayerKind kind)
    {
        LayerRow row = LayerCatalogue.Of(kind);
        Type? attribute = Runtime.GetType($"Mlp.{row.AttributeName}");
        Assert.NotNull(attribute);
        Assert.True(attribute.IsSealed && attribute.IsSubclassOf(typeof(Attribute)), $"{attribute} is a sealed attribute");
        AttributeUsageAttribute usage = attribute.GetCustomAttribute<AttributeUsageAttribute>()!;
        Assert.Equal(AttributeTargets.Class, usage.ValidOn);
        Assert.True(usage.AllowMultiple);
        Assert.Same(LayerCatalogue.Of(kind), LayerCatalogue.ByAttributeName(row.AttributeName));

        ParameterInfo[] parameters = Assert.Single(attribute.GetConstructors()).GetParameters();
        if (row.DeclaresWidths)
        {
            Assert.Equal([(typeof(int), "inputDim"), (typeof(int), "outputDim")], parameters.Select(p => (p.ParameterType, p.Name!)));
        }
        else if (row.Argument is { } argument)
        {
            ParameterInfo p = Assert.Single(parameters);
            Assert.Equal((typeof(float), argument.Name), (p.ParameterType, p.Name!));
            Assert.Equal(argument.Default.HasValue, p.HasDefaultValue);
            if (argument.Default is float value)
                Assert.Equal(value, (float)p.DefaultValue!);
        }
        else
        {
            Assert.Empty(parameters);
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ArgumentDefaultsAreInsideTheirRangesAndTheEndsAreAsStated(LayerKind kind)
    {
        if (LayerCatalogue.Of(kind).Argument is not { } argument)
            return;
        ArgumentRange range = argument.Range;
        if (argument.Default is float value)
            Assert.True(range.Contains(value), $"{kind}'s default {value} is {range}");
        Assert.Null(argument.Problem(argument.Default ?? range.Upper));
        Assert.Equal(range.LowerClosed, range.Contains(range.Lower));
        Assert.Equal(range.UpperClosed, range.Contains(range.Upper));
        Assert.False(range.Contains(float.NaN));
        Assert.False(range.Contains(float.PositiveInfinity));
        Assert.False(range.Contains(float.NegativeInfinity));
        Assert.False(range.Contains(MathF.BitDecrement(range.Lower)));
        Assert.StartsWith($"{argument.Noun} must be ", argument.Problem(float.NaN));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TheKernelHasTheMethodsTheRowNames(LayerKind kind)
    {
        LayerKernel kernel = LayerCatalogue.Of(kind).Kernel;
        Type? type = Runtime.GetType($"Mlp.Kernels.{kernel.Type}");
        Assert.NotNull(type);
        string?[] methods = [kernel.Forward, kernel.Backward, kernel.BackwardParameters, kernel.ForwardEvaluation, kernel.BackwardEvaluation];
        foreach (string method in methods.OfType<string>())
            Assert.True(type.GetMethod(method, BindingFlags.Public | BindingFlags.Static) is not null, $"{type}.{method}");
    }

    [Fact]
    public void EachParameterKindBelongsToOneRow()
    {
        LayerParameter[] parameters = LayerCatalogue.Rows.SelectMany(r => r.Parameters).ToArray();
        Assert.Equal(Enum.GetValues<ParameterKind>(), parameters.Select(p => p.Kind).Order());
        foreach (LayerParameter p in parameters)
            Assert.Same(p, LayerCatalogue.Parameter(p.Kind));
    }

    [Fact]
    public void EveryLayerKindIsInTheTestModelRegistry()
    {
        // The gradient checks and the ONNX Runtime checks run over the registry: a new kind must be in one of its models.
        HashSet<LayerKind> covered = ModelRegistry.All().SelectMany(m => m.Layers).Select(l => l.Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<LayerKind>(), covered.Order());
    }

    [Fact]
    public void DeclarationsAndMessagesReadAsTheAttributes()
    {
        Assert.Equal("Affine(784, 50)", LayerCatalogue.Of(LayerKind.Affine).Declaration(784, 50, 0f));
        Assert.Equal("LeakyRelu(0.01)", LayerCatalogue.Of(LayerKind.LeakyRelu).Declaration(5, 5, 0.01f));
        Assert.Equal("Relu", LayerCatalogue.Of(LayerKind.Relu).Declaration(5, 5, 0f));
        Assert.Equal(784L * 50 + 50, LayerCatalogue.Of(LayerKind.Affine).ParameterCount(784, 50));
        Assert.Equal("the inclusion probability must be in (0, 1], but is 1.5", LayerCatalogue.Of(LayerKind.Dropout).Argument!.Problem(1.5f));
        Assert.Equal("alpha must be a finite number above 0, but is 0", LayerCatalogue.Of(LayerKind.Elu).Argument!.Problem(0f));
        Assert.Equal("alpha must be a finite number at least 0, but is -1", LayerCatalogue.Of(LayerKind.LeakyRelu).Argument!.Problem(-1f));
    }
}
