using System.Collections.Generic;
using System.Globalization;

#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

/// <summary>Everything about one layer kind that the generator, the runtime and the exporters need: a row of <see cref="LayerCatalogue"/>.</summary>
/// <param name="Kind">The kind; its attribute is <c>Mlp.{Kind}Attribute</c>.</param>
/// <param name="Form">The shape of the layer's generated code.</param>
/// <param name="Argument">The attribute's one number, or null when it takes none (Affine's widths are not an argument).</param>
/// <param name="BackwardReads">The tensors of the forward pass the backward pass reads.</param>
/// <param name="Parameters">The trainable tensors the layer owns, in the order of the model's buffer.</param>
/// <param name="Kernel">The runtime kernel the generated methods call.</param>
/// <param name="Onnx">The ONNX operator it exports to.</param>
/// <param name="PyTorch">The PyTorch module it corresponds to.</param>
public sealed record LayerRow(
    LayerKind Kind,
    LayerForm Form,
    LayerArgument? Argument,
    LayerTensors BackwardReads,
    IReadOnlyList<LayerParameter> Parameters,
    LayerKernel Kernel,
    OnnxOperator Onnx,
    PyTorchModule PyTorch)
{
    /// <summary>The state tensors the layer keeps besides its parameters, in the order of the model's state buffer; none for most kinds.</summary>
    public IReadOnlyList<LayerState> States { get; init; } = new LayerState[0];

    /// <summary>The attribute class's name in the <c>Mlp</c> namespace, e.g. <c>LeakyReluAttribute</c>.</summary>
    public string AttributeName => Kind + "Attribute";

    /// <summary>Whether the attribute declares the layer's widths (Affine); every other layer is as wide as the one before.</summary>
    public bool DeclaresWidths => Form == LayerForm.Affine;

    /// <summary>The attribute's constructor as messages show it, e.g. <c>LeakyRelu(float alpha)</c>.</summary>
    public string AttributeSignature =>
        DeclaresWidths ? $"{Kind}(int inputDim, int outputDim)"
        : Argument is null ? $"{Kind}()"
        : $"{Kind}(float {Argument.Name})";

    /// <summary>The layer as its attribute reads, e.g. <c>Affine(784, 50)</c>, <c>LeakyRelu(0.01)</c> or <c>Relu</c>.</summary>
    /// <param name="inputDim">Features per example going in.</param>
    /// <param name="outputDim">Features per example coming out.</param>
    /// <param name="argument">The attribute's argument; ignored when it takes none.</param>
    public string Declaration(int inputDim, int outputDim, float argument) =>
        DeclaresWidths ? string.Format(CultureInfo.InvariantCulture, "{0}({1}, {2})", Kind, inputDim, outputDim)
        : Argument is null ? Kind.ToString()
        : $"{Kind}({argument.ToString("R", CultureInfo.InvariantCulture)})";

    /// <summary>The number of trainable values the layer owns at these widths.</summary>
    /// <param name="inputDim">Features per example going in.</param>
    /// <param name="outputDim">Features per example coming out.</param>
    public long ParameterCount(int inputDim, int outputDim)
    {
        long count = 0;
        foreach (LayerParameter parameter in Parameters)
        {
            long length = 1;
            foreach (int d in parameter.Dimensions(inputDim, outputDim))
                length *= d;
            count += length;
        }
        return count;
    }
}

/// <summary>The shape of a layer's generated code.</summary>
public enum LayerForm
{
    /// <summary>Declares its widths and owns parameters: forward, backward to the parameters, backward to the inputs.</summary>
    Affine,

    /// <summary>An activation as wide as the layer before: one forward and one backward kernel call.</summary>
    Activation,

    /// <summary>Like an activation, but training and evaluation call different kernels and training keeps a mask.</summary>
    Dropout,

    /// <summary>
    /// Owns parameters and state: forward, backward to the parameters, backward to the inputs, each calling a different
    /// kernel in training and evaluation, with the batch statistics the forward pass normalised with kept for backward.
    /// </summary>
    BatchNorm,
}

/// <summary>Tensors of a layer's forward pass.</summary>
[System.Flags]
public enum LayerTensors
{
    /// <summary>Neither.</summary>
    None = 0,

    /// <summary>The layer's inputs (the outputs of the layer before).</summary>
    Inputs = 1,

    /// <summary>The layer's outputs.</summary>
    Outputs = 2,
}
