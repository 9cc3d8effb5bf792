namespace Mlp;

/// <summary>
/// The course's batch normalisation (PyTorch's <c>nn.BatchNorm1d</c>), as wide as the layer before it:
/// <c>y = gamma · (x − mean) / sqrt(var + 1e-5) + beta</c> per feature, with a learned scale <c>gamma</c> (from 1) and
/// shift <c>beta</c> (from 0). Training normalises with the batch's mean and biased variance and moves the running
/// statistics, model state saved with the parameters, towards the batch's:
/// <c>running = (1 − momentum) · running + momentum · batch</c>, the running variance towards the batch's unbiased
/// variance (PyTorch's convention); evaluation normalises with the running statistics. Training needs batches of at
/// least two examples.
/// </summary>
/// <param name="momentum">How far each training batch moves the running statistics, in (0, 1]; PyTorch's default.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute(float momentum = 0.1f) : Attribute
{
    /// <summary>How far each training batch moves the running statistics.</summary>
    public float Momentum { get; } = momentum;
}
