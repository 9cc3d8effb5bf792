namespace Mlp;

/// <summary>A rectified linear layer, <c>y = max(x, 0)</c>, as wide as the layer before it.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReluAttribute : Attribute;
