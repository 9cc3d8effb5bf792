namespace Mlp;

/// <summary>A row-wise softmax layer, computed stably by subtracting each row's maximum first.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SoftmaxAttribute : Attribute;
