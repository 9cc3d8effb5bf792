namespace Mlp.Generators
{
    /// <summary>One declared layer with its resolved widths. <see cref="Argument"/> is alpha or the inclusion probability.</summary>
    internal sealed record LayerSpec(LayerKind Kind, int InputDim, int OutputDim, float Argument);

    /// <summary>A weight transfer: target layer <see cref="Layer"/> starts from layer <see cref="SourceLayer"/> of another model.</summary>
    internal sealed record TransferSpec(int Layer, string SourceTypeName, int SourceLayer);

    /// <summary>
    /// Everything the emitter needs to write one model, as plain equatable data: no symbols, syntax or
    /// locations, so an edit elsewhere leaves it equal and the generator's output cached.
    /// </summary>
    /// <param name="Namespace">The containing namespace, null for the global one.</param>
    /// <param name="TypeName">The class's name.</param>
    /// <param name="Layers">The layers in declaration order, with their widths.</param>
    /// <param name="Transfers">The weight transfers from other models.</param>
    /// <param name="HasErrors">
    /// The attributes have errors (the analyzer reports them): only the model's public members are declared, so that
    /// the errors on the attributes are not buried under errors on every use of the model. Layers and transfers
    /// then hold what could be read, widths possibly unresolved.
    /// </param>
    internal sealed record ModelSpec(
        string? Namespace,
        string TypeName,
        EquatableArray<LayerSpec> Layers,
        EquatableArray<TransferSpec> Transfers,
        bool HasErrors = false)
    {
        public string FullName => Namespace is null ? TypeName : Namespace + "." + TypeName;
    }
}
