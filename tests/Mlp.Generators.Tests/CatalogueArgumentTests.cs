using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Mlp.Generators.Tests;

/// <summary>
/// Every argument range in the layer catalogue reaches the compiler: for each layer that takes an argument, the
/// values just outside its range and the non-finite ones are its row's diagnostic, and its default and ends (when
/// closed) compile.
/// </summary>
public sealed class CatalogueArgumentTests
{
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (LayerRow row in LayerCatalogue.Rows)
        {
            if (row.Argument is not { } argument)
                continue;
            ArgumentRange range = argument.Range;
            string kind = row.Kind.ToString();
            data.Add(kind, Literal(MathF.BitDecrement(range.Lower)), false);
            data.Add(kind, Literal(range.Lower), range.LowerClosed);
            data.Add(kind, "float.NaN", false);
            data.Add(kind, "float.PositiveInfinity", false);
            if (!float.IsPositiveInfinity(range.Upper))
            {
                data.Add(kind, Literal(range.Upper), range.UpperClosed);
                data.Add(kind, Literal(MathF.BitIncrement(range.Upper)), false);
            }
            if (argument.Default is float value)
                data.Add(kind, Literal(value), true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ValuesOutsideTheRangeAreTheRowsDiagnostic(string kind, string value, bool valid)
    {
        LayerArgument argument = LayerCatalogue.Of(Enum.Parse<LayerKind>(kind)).Argument!;
        BuildResult result = GeneratorHarness.Build($"using Mlp; [Affine(4, 4)] [{kind}({value})] public partial class M;");
        if (valid)
        {
            Assert.True(!result.WarningsAndErrors.Any(), result.Describe());
            return;
        }
        Diagnostic d = Assert.Single(result.Mlp);
        Assert.Equal(argument.DiagnosticId, d.Id);
        Assert.StartsWith($"Layer 1, {kind}: {argument.Noun} must be {argument.Range}, but is ", d.GetMessage(CultureInfo.InvariantCulture));
    }

    private static string Literal(float value) => value.ToString("R", CultureInfo.InvariantCulture) + "f";
}
