namespace Mlp.Examples.Figures;

/// <summary>One labelled row of an image grid: a batch of grey images, values in [0, 1] (0 white, 1 black, as matplotlib's <c>Greys</c>).</summary>
/// <param name="Label">What the row shows, e.g. <c>originals</c> or <c>reconstructions</c>.</param>
/// <param name="Pixels">The images, row-major <c>(Count, height · width)</c>.</param>
/// <param name="Count">The number of images in the row.</param>
public sealed record ImageRow(string Label, ReadOnlyMemory<float> Pixels, int Count);
