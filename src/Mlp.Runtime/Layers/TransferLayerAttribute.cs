namespace Mlp;

/// <summary>
/// Declares that Affine layer <paramref name="layer"/> of this model can start from the trained weights of
/// Affine layer <paramref name="sourceLayer"/> of <paramref name="sourceModel"/> (pre-training, transfer
/// learning). The generator checks at compile time that both are Affine layers of the same shape and writes
/// a method <c>CopyLayer{layer}From(source)</c> that copies the weights and biases.
/// </summary>
/// <param name="layer">The 0-based position of the Affine layer attribute on this model.</param>
/// <param name="sourceModel">The generated model type to copy from.</param>
/// <param name="sourceLayer">The 0-based position of the Affine layer attribute on the source model.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TransferLayerAttribute(int layer, Type sourceModel, int sourceLayer) : Attribute
{
    /// <summary>The receiving layer of this model.</summary>
    public int Layer { get; } = layer;

    /// <summary>The generated model type to copy from.</summary>
    public Type SourceModel { get; } = sourceModel;

    /// <summary>The layer of the source model to copy.</summary>
    public int SourceLayer { get; } = sourceLayer;
}
