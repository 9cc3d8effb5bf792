namespace Mlp.Data;

/// <summary>
/// One mini-batch served by a <see cref="DataProvider"/>: <see cref="Size"/> examples as row-major spans over
/// buffers the provider owns and reuses. The spans are valid until the provider serves its next batch (the next
/// <c>MoveNext</c> of a <c>foreach</c>); copy them to keep them longer.
/// </summary>
public readonly ref struct DataBatch
{
    /// <summary>Creates a batch over the given spans, checking that their lengths agree with <paramref name="size"/>.</summary>
    /// <param name="inputs">Row-major <c>size × inputDim</c> inputs.</param>
    /// <param name="targets">Row-major <c>size × targetDim</c> targets.</param>
    /// <param name="labels">One integer label per example, or empty when the data has none.</param>
    /// <param name="indices">Each example's row in the provider's original order, or empty when unknown.</param>
    /// <param name="size">The number of examples; at least 1.</param>
    public DataBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, ReadOnlySpan<int> labels, ReadOnlySpan<int> indices, int size)
    {
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, "A batch holds at least one example.");
        if (inputs.IsEmpty || inputs.Length % size != 0)
            throw new ArgumentException($"{inputs.Length} input values do not make {size} equal non-empty rows.", nameof(inputs));
        if (targets.IsEmpty || targets.Length % size != 0)
            throw new ArgumentException($"{targets.Length} target values do not make {size} equal non-empty rows.", nameof(targets));
        if (!labels.IsEmpty && labels.Length != size)
            throw new ArgumentException($"Expected {size} labels (one per example) or none, but got {labels.Length}.", nameof(labels));
        if (!indices.IsEmpty && indices.Length != size)
            throw new ArgumentException($"Expected {size} indices (one per example) or none, but got {indices.Length}.", nameof(indices));
        Inputs = inputs;
        Targets = targets;
        Labels = labels;
        Indices = indices;
        Size = size;
    }

    /// <summary>The inputs, row-major <see cref="Size"/> × <see cref="InputDim"/>.</summary>
    public ReadOnlySpan<float> Inputs { get; }

    /// <summary>The targets, row-major <see cref="Size"/> × <see cref="TargetDim"/>.</summary>
    public ReadOnlySpan<float> Targets { get; }

    /// <summary>One integer label per example (e.g. the MNIST digit), or empty when the provider has no labels.</summary>
    public ReadOnlySpan<int> Labels { get; }

    /// <summary>
    /// Each example's row index in the provider's original order (the order of <see cref="DataProvider.AllInputs"/>),
    /// or empty when the provider does not know it.
    /// </summary>
    public ReadOnlySpan<int> Indices { get; }

    /// <summary>The number of examples in the batch (the provider's batch size); 0 only for <c>default</c>.</summary>
    public int Size { get; }

    /// <summary>The number of input features per example.</summary>
    public int InputDim => Size == 0 ? 0 : Inputs.Length / Size;

    /// <summary>The number of target values per example.</summary>
    public int TargetDim => Size == 0 ? 0 : Targets.Length / Size;
}
