namespace Mlp;

/// <summary>A logistic sigmoid layer, <c>y = 1 / (1 + exp(−x))</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SigmoidAttribute : Attribute;
