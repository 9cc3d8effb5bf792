namespace Mlp.Data;

/// <summary>A decoded IDX image file: <see cref="Count"/> images of <see cref="Rows"/> × <see cref="Columns"/> pixels as <c>byte / 256f</c>.</summary>
internal sealed record IdxImages(string Path, float[] Pixels, int Count, int Rows, int Columns);

/// <summary>A decoded IDX label file, with the labels also as one-of-K rows.</summary>
internal sealed record IdxLabels(string Path, int[] Labels, float[] OneOfK, int NumClasses);
