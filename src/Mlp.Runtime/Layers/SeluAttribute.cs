namespace Mlp;

/// <summary>
/// A scaled exponential linear layer, as in the course: <c>y = λ·x</c> for positive x, else <c>λ·α·(exp(x) − 1)</c>,
/// with the fixed self-normalising constants α = 1.6732632423543772 and λ = 1.0507009873554805 (PyTorch's
/// <c>nn.SELU</c>, ONNX <c>Selu</c>'s defaults).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SeluAttribute : Attribute;
