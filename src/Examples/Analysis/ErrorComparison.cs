using System.Globalization;

namespace Mlp.Examples.Analysis;

/// <summary>One model's final error on one set beside a reference's (e.g. exercise 2 against PCA's linear optimum).</summary>
/// <param name="Set">The data set's key, <c>train</c> or <c>valid</c>.</param>
/// <param name="Error">The model's error.</param>
/// <param name="Reference">The reference's error.</param>
public sealed record ErrorComparison(string Set, double Error, double Reference)
{
    /// <summary>How far the error is below the reference, in percent of the reference (negative when above it).</summary>
    public double PercentBelow => 100 * (Reference - Error) / Reference;

    /// <summary>E.g. <c>54.9% below it on the training set (2.0717 vs 4.5906)</c>.</summary>
    public string Describe(string setName) => string.Create(CultureInfo.InvariantCulture,
        $"{Math.Abs(PercentBelow):F1}% {(PercentBelow >= 0 ? "below" : "above")} it on the {setName} ({Error:F4} vs {Reference:F4})");
}
