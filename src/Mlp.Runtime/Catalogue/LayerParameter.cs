#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

/// <summary>One trainable tensor a layer owns: what it is, its shape, and its name in a PyTorch state dict.</summary>
/// <param name="Kind">What the tensor is; its member is <c>Layer{i}{Kind}</c> and its name <c>layer{i}.{kind}</c> (lower case).</param>
/// <param name="Shape">Its shape in terms of the layer's widths.</param>
/// <param name="PyTorchName">Its name in the matching PyTorch module, e.g. <c>weight</c>.</param>
public sealed record LayerParameter(ParameterKind Kind, ParameterShape Shape, string PyTorchName)
{
    /// <summary>
    /// The value every element starts from whatever initialisers the model is given (BatchNorm's gamma 1 and beta 0,
    /// as in the course and PyTorch); null when the initialisers draw it (an Affine layer's weights and biases).
    /// </summary>
    public float? Initial { get; init; }

    /// <summary>The dimensions, row-major, for a layer of these widths.</summary>
    /// <param name="inputDim">Features per example going in.</param>
    /// <param name="outputDim">Features per example coming out.</param>
    public int[] Dimensions(int inputDim, int outputDim) => Shape switch
    {
        ParameterShape.OutputByInput => new[] { outputDim, inputDim },
        _ => new[] { outputDim },
    };
}

/// <summary>A parameter's shape in terms of its layer's widths.</summary>
public enum ParameterShape
{
    /// <summary><c>(outputDim, inputDim)</c>: a weight matrix.</summary>
    OutputByInput,

    /// <summary><c>(outputDim)</c>: one value per output feature.</summary>
    Output,
}
