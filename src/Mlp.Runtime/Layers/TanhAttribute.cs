namespace Mlp;

/// <summary>A hyperbolic tangent layer, <c>y = tanh(x)</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TanhAttribute : Attribute;
