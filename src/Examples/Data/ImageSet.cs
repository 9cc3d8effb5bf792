namespace Mlp.Examples.Data;

/// <summary>A set of grey images as floats in [0, 1), row-major <c>(Count, Rows · Columns)</c>.</summary>
/// <param name="Pixels">The pixel values, image after image, each image row after row.</param>
/// <param name="Count">The number of images.</param>
/// <param name="Rows">The height of an image in pixels.</param>
/// <param name="Columns">The width of an image in pixels.</param>
public sealed record ImageSet(ReadOnlyMemory<float> Pixels, int Count, int Rows, int Columns)
{
    /// <summary>The number of pixels of one image: the feature count of an example.</summary>
    public int Dimension => Rows * Columns;

    /// <summary>The images <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> − 1, without copying.</summary>
    public ImageSet Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count, nameof(count));
        return this with { Pixels = Pixels.Slice(start * Dimension, count * Dimension), Count = count };
    }
}
