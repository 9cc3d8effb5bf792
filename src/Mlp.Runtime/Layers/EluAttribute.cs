namespace Mlp;

/// <summary>An exponential linear layer: <c>y = x</c> for positive x, else <c>alpha · (exp(x) − 1)</c>.</summary>
/// <param name="alpha">The saturation value for very negative inputs is <c>−alpha</c>; must be positive.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EluAttribute(float alpha = 1f) : Attribute
{
    /// <summary>The scale of the negative branch.</summary>
    public float Alpha { get; } = alpha;
}
