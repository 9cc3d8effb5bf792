#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

// Linked into the generator too (see LayerCatalogue.cs): public here, internal there.
/// <summary>What a parameter is to its layer: the learning rules treat both alike, penalties and initialisers do not.</summary>
#if MLP_GENERATOR
internal
#else
public
#endif
enum ParameterKind
{
    /// <summary>An Affine layer's weight matrix, shape (outputDim, inputDim).</summary>
    Weights,

    /// <summary>An Affine layer's bias vector, shape (outputDim).</summary>
    Biases,
}
