namespace Mlp;

/// <summary>A leaky rectified linear layer: <c>y = x</c> for positive x, else <c>alpha · x</c>.</summary>
/// <param name="alpha">The slope for negative inputs; must be non-negative.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LeakyReluAttribute(float alpha = 0.01f) : Attribute
{
    /// <summary>The slope for negative inputs.</summary>
    public float Alpha { get; } = alpha;
}
