namespace Mlp.Generators
{
    /// <summary>The layer kinds, mirroring <c>Mlp.LayerKind</c> in the runtime (which the generator cannot reference).</summary>
    internal enum LayerKind
    {
        Affine,
        Relu,
        LeakyRelu,
        Elu,
        Sigmoid,
        Tanh,
        Softmax,
        Dropout,
    }

    /// <summary>One declared layer with its resolved widths. <see cref="Argument"/> is alpha or the inclusion probability.</summary>
    internal sealed record LayerSpec(LayerKind Kind, int InputDim, int OutputDim, float Argument);

    /// <summary>A weight transfer: target layer <see cref="Layer"/> starts from layer <see cref="SourceLayer"/> of another model.</summary>
    internal sealed record TransferSpec(int Layer, string SourceTypeName, int SourceLayer);

    /// <summary>
    /// Everything the emitter needs to write one model, as plain equatable data: no symbols, syntax or
    /// locations, so an edit elsewhere leaves it equal and the generator's output cached.
    /// </summary>
    internal sealed record ModelSpec(
        string? Namespace,
        string TypeName,
        EquatableArray<LayerSpec> Layers,
        EquatableArray<TransferSpec> Transfers)
    {
        public string FullName => Namespace is null ? TypeName : Namespace + "." + TypeName;
    }
}
