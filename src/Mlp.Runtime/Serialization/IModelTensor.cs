namespace Mlp.Serialization;

/// <summary>What saving and loading need of a model's tensor, parameter or state: <see cref="Parameter"/> and <see cref="StateTensor"/> both are one.</summary>
internal interface IModelTensor
{
    /// <summary>The tensor's own name, e.g. <c>layer0.weights</c> or <c>layer1.running_mean</c>.</summary>
    string Name { get; }

    /// <summary>The 0-based position of the owning layer attribute.</summary>
    int LayerIndex { get; }

    /// <summary>The row-major shape.</summary>
    ReadOnlySpan<int> Shape { get; }

    /// <summary>The tensor's values.</summary>
    Span<float> Values { get; }
}
