namespace Mlp.Data;

/// <summary>A decoded IDX image file: <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/> pixels as <c>byte / 256f</c>.</summary>
internal sealed record IdxImages(string Path, float[] Pixels, int Count, int Rows, int Columns);
