namespace Mlp.Serialization;

/// <summary>One tensor as a safetensors header describes it; offsets are relative to the data after the header.</summary>
/// <param name="Name">The tensor's name (its key in the header).</param>
/// <param name="Shape">The row-major shape.</param>
/// <param name="Begin">The first data byte.</param>
/// <param name="End">One past the last data byte.</param>
/// <param name="IsBatchCounter">An I64 <c>num_batches_tracked</c> scalar of a PyTorch BatchNorm module, which loading skips.</param>
internal sealed record TensorEntry(string Name, ulong[] Shape, ulong Begin, ulong End, bool IsBatchCounter = false)
{
    /// <summary>The shape as written in messages, e.g. <c>[50, 784]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
