#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

// Linked into the generator too (see LayerCatalogue.cs).
/// <summary>What a parameter is to its layer: the learning rules treat all alike, penalties and initialisers do not.</summary>
public enum ParameterKind
{
    /// <summary>An Affine layer's weight matrix, shape (outputDim, inputDim).</summary>
    Weights,

    /// <summary>An Affine layer's bias vector, shape (outputDim).</summary>
    Biases,

    /// <summary>A BatchNorm layer's learned scale, shape (features), starting at 1.</summary>
    Gamma,

    /// <summary>A BatchNorm layer's learned shift, shape (features), starting at 0.</summary>
    Beta,
}
