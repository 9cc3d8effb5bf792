using System.Globalization;

#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

/// <summary>The one number a layer attribute may take, e.g. LeakyRelu's alpha: its name, valid values and default.</summary>
/// <param name="Name">The attribute's and the kernel's parameter name, e.g. <c>alpha</c>.</param>
/// <param name="Noun">How messages name it, e.g. <c>alpha</c> or <c>the inclusion probability</c>.</param>
/// <param name="Range">The values the layer accepts; the generator reports any other as <paramref name="DiagnosticId"/>.</param>
/// <param name="Default">The attribute's default value, or null when it must be given.</param>
/// <param name="DiagnosticId">The compile-time error for a value outside <paramref name="Range"/>.</param>
public sealed record LayerArgument(string Name, string Noun, ArgumentRange Range, float? Default, string DiagnosticId = "MLP005")
{
    /// <summary>Why <paramref name="value"/> is not accepted, e.g. <c>alpha must be a finite number above 0, but is -1</c>; null when it is.</summary>
    /// <param name="value">The value declared.</param>
    public string? Problem(float value) =>
        Range.Contains(value) ? null : $"{Noun} must be {Range}, but is {value.ToString("R", CultureInfo.InvariantCulture)}";
}

/// <summary>
/// An interval of finite values, each end open or closed; an infinite upper end means none. NaN and the
/// infinities are never inside.
/// </summary>
/// <param name="Lower">The lower end.</param>
/// <param name="LowerClosed">Whether <paramref name="Lower"/> itself is inside.</param>
/// <param name="Upper">The upper end, <see cref="float.PositiveInfinity"/> for none.</param>
/// <param name="UpperClosed">Whether <paramref name="Upper"/> itself is inside.</param>
public sealed record ArgumentRange(float Lower, bool LowerClosed, float Upper, bool UpperClosed)
{
    /// <summary>The finite values at least <paramref name="lower"/>: <c>[lower, ∞)</c>.</summary>
    /// <param name="lower">The smallest value inside.</param>
    public static ArgumentRange AtLeast(float lower) => new(lower, true, float.PositiveInfinity, false);

    /// <summary>The finite values above <paramref name="lower"/>: <c>(lower, ∞)</c>.</summary>
    /// <param name="lower">The largest value outside, below the range.</param>
    public static ArgumentRange Above(float lower) => new(lower, false, float.PositiveInfinity, false);

    /// <summary>Whether <paramref name="value"/> is inside.</summary>
    /// <param name="value">The value to test.</param>
    public bool Contains(float value) =>
        !float.IsNaN(value) && !float.IsInfinity(value) &&
        (value > Lower || (LowerClosed && value == Lower)) &&
        (value < Upper || (UpperClosed && value == Upper));

    /// <summary>The range as messages state it: <c>a finite number at least 0</c>, <c>in (0, 1]</c>.</summary>
    public override string ToString() => float.IsPositiveInfinity(Upper)
        ? $"a finite number {(LowerClosed ? "at least" : "above")} {Text(Lower)}"
        : $"in {(LowerClosed ? "[" : "(")}{Text(Lower)}, {Text(Upper)}{(UpperClosed ? "]" : ")")}";

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
