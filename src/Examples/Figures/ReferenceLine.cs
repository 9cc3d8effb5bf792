namespace Mlp.Examples.Figures;

/// <summary>A horizontal line across a learning-curve figure, e.g. PCA's error beside exercise 1's curves.</summary>
/// <param name="Label">The legend's text for the line, e.g. <c>PCA, train</c>.</param>
/// <param name="Value">Where the line is drawn, in the plotted metric's units (accuracy as a fraction, like the runs).</param>
public sealed record ReferenceLine(string Label, double Value);
