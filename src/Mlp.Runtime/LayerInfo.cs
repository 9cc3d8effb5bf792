namespace Mlp;

/// <summary>
/// One layer of a generated model as declared: its kind, widths and argument. Generated models expose
/// these as constants, so summaries and exporters need no reflection.
/// </summary>
/// <param name="Index">The 0-based position of the layer's attribute.</param>
/// <param name="Kind">The layer kind.</param>
/// <param name="InputDim">Features per example going in.</param>
/// <param name="OutputDim">Features per example coming out.</param>
/// <param name="Argument">LeakyRelu's or Elu's alpha, Dropout's inclusion probability, BatchNorm's momentum; 0 for the others.</param>
public sealed record LayerInfo(int Index, LayerKind Kind, int InputDim, int OutputDim, float Argument = 0f)
{
    /// <summary>The number of trainable values the layer owns (an Affine layer's weights and biases, a BatchNorm layer's gamma and beta).</summary>
    public int ParameterCount => checked((int)LayerCatalogue.Of(Kind).ParameterCount(InputDim, OutputDim));

    /// <summary>The layer as its attribute reads, e.g. <c>Affine(784, 50)</c> or <c>LeakyRelu(0.01)</c>.</summary>
    public override string ToString() => LayerCatalogue.Of(Kind).Declaration(InputDim, OutputDim, Argument);
}
