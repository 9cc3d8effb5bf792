#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

// Linked into the generator too (see LayerCatalogue.cs).
/// <summary>What a layer's state tensor is: model state that is not trained, such as BatchNorm's running statistics.</summary>
public enum StateKind
{
    /// <summary>BatchNorm's running mean of its inputs, shape (features).</summary>
    RunningMean,

    /// <summary>BatchNorm's running (unbiased) variance of its inputs, shape (features).</summary>
    RunningVariance,
}

/// <summary>
/// One tensor of model state a layer keeps besides its parameters: updated by training passes, not by the learning
/// rule, saved with the parameters and in checkpoints.
/// </summary>
/// <param name="Kind">What the tensor is; its member is <c>Layer{i}{Kind}</c>.</param>
/// <param name="Name">
/// Its name in the layer, the same as in the matching PyTorch module, e.g. <c>running_mean</c>: the model's tensor is
/// <c>layer{i}.{Name}</c>, and a PyTorch <c>nn.Sequential</c> state dict's <c>{i}.{Name}</c>.
/// </param>
/// <param name="Initial">The value every element starts from, PyTorch's: 0 for a mean, 1 for a variance.</param>
public sealed record LayerState(StateKind Kind, string Name, float Initial);
