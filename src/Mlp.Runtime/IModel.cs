namespace Mlp;

/// <summary>
/// What every model generated from layer attributes offers, so that training, evaluation and
/// serialisation code works on any of them without reflection.
/// </summary>
public interface IModel
{
    /// <summary>Features per input example.</summary>
    int InputDim { get; }

    /// <summary>Features per output example.</summary>
    int OutputDim { get; }

    /// <summary>The layers in declaration order.</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The architecture as declared, e.g. <c>Affine(784, 50) -> Relu -> Affine(50, 784) -> Sigmoid</c>.</summary>
    string Architecture { get; }

    /// <summary>The parameters in layer order, weights before biases (a BatchNorm layer's gamma before beta).</summary>
    IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Every parameter value in one contiguous buffer, in <see cref="Parameters"/> order.</summary>
    Span<float> AllValues { get; }

    /// <summary>Every parameter gradient, laid out as <see cref="AllValues"/>.</summary>
    Span<float> AllGradients { get; }

    /// <summary>
    /// The model's state that is not trained, in layer order: BatchNorm's running mean and variance, which training
    /// passes update and evaluation passes read. Empty for models without such layers (the default).
    /// </summary>
    IReadOnlyList<StateTensor> StateTensors => [];

    /// <summary>Every state value in one contiguous buffer, in <see cref="StateTensors"/> order; empty by default.</summary>
    Span<float> AllState => [];

    /// <summary>The model's random source (initialisation, dropout masks).</summary>
    RandomGenerator Random { get; }

    /// <summary>
    /// Runs the model on a batch of row-major inputs <c>(batchSize, InputDim)</c> and returns the
    /// <c>(batchSize, OutputDim)</c> outputs, valid until the next call.
    /// </summary>
    /// <param name="inputs">Exactly <c>batchSize · InputDim</c> values.</param>
    /// <param name="batchSize">The number of examples, at least 1.</param>
    /// <param name="training">Whether stochastic layers (dropout) sample; otherwise they act deterministically.</param>
    ReadOnlySpan<float> Forward(ReadOnlySpan<float> inputs, int batchSize, bool training = false);

    /// <summary>
    /// Back-propagates the gradient of the error with respect to the last <see cref="Forward"/> outputs and
    /// overwrites every parameter's gradients.
    /// </summary>
    /// <param name="gradsWrtOutputs">Exactly <c>batchSize · OutputDim</c> values.</param>
    void Backward(ReadOnlySpan<float> gradsWrtOutputs);

    /// <summary>As <see cref="Backward(ReadOnlySpan{float})"/>, and also writes the gradient with respect to the inputs.</summary>
    /// <param name="gradsWrtOutputs">Exactly <c>batchSize · OutputDim</c> values.</param>
    /// <param name="gradsWrtInputs">Exactly <c>batchSize · InputDim</c> values.</param>
    void Backward(ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs);

    /// <summary>The outputs of layer <paramref name="index"/> from the last <see cref="Forward"/>, <c>(batchSize, Layers[index].OutputDim)</c>.</summary>
    ReadOnlySpan<float> LayerOutput(int index);
}
