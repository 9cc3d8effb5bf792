#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

/// <summary>
/// The runtime kernel a layer's generated methods call: a static class in <c>Mlp.Kernels</c>. An activation's
/// forward method takes <c>(inputs, outputs)</c>; its backward method the tensors <see cref="LayerRow.BackwardReads"/>
/// names (inputs before outputs), then <c>(gradsWrtOutputs, gradsWrtInputs)</c>; both then take the layer's argument
/// by its name and, with <paramref name="TakesWidth"/>, <c>width:</c> the row length.
/// </summary>
/// <param name="Type">The kernel class, e.g. <c>ReluKernel</c>.</param>
/// <param name="Forward">The forward method (while training, for a layer that differs then).</param>
/// <param name="Backward">The backward method to the inputs (while training, for a layer that differs then).</param>
/// <param name="TakesWidth">Whether the kernel works on whole rows and takes their width.</param>
public sealed record LayerKernel(string Type, string Forward, string Backward, bool TakesWidth = false)
{
    /// <summary>The backward method to the parameters, for a layer that has them.</summary>
    public string? BackwardParameters { get; init; }

    /// <summary>The forward method outside training, for a layer that differs then.</summary>
    public string? ForwardEvaluation { get; init; }

    /// <summary>The backward method outside training, for a layer that differs then.</summary>
    public string? BackwardEvaluation { get; init; }
}
