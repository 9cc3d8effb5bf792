namespace Mlp.Data;

/// <summary>A decoded IDX label file, with the labels also as one-of-K rows.</summary>
internal sealed record IdxLabels(string Path, int[] Labels, float[] OneOfK, int NumClasses);
