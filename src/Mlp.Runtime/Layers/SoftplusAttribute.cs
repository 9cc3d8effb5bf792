namespace Mlp;

/// <summary>A softplus layer, <c>y = log(1 + exp(x))</c>, a smooth ReLU whose derivative is the logistic sigmoid.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SoftplusAttribute : Attribute;
