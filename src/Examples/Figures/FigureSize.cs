namespace Mlp.Examples.Figures;

/// <summary>The pixel size of a rendered figure.</summary>
/// <param name="Width">The width in pixels.</param>
/// <param name="Height">The height in pixels.</param>
public readonly record struct FigureSize(int Width, int Height);
