namespace Mlp.Examples.Figures;

/// <summary>One panel of a learning-curve figure: what it plots, under which title and axis label, with which reference lines.</summary>
/// <param name="Title">The panel's title; none when null or empty.</param>
/// <param name="Metric">What the panel plots per epoch.</param>
/// <param name="YLabel">The vertical axis's label; by default the metric's name.</param>
/// <param name="References">Horizontal lines drawn across the curves (e.g. PCA's error); none when null.</param>
public sealed record CurvePanel(string? Title, CurveMetric Metric, string? YLabel = null, IReadOnlyList<ReferenceLine>? References = null);
