namespace Mlp;

/// <summary>
/// An affine layer, <c>y = x Wᵀ + b</c>, with weights of shape <c>(outputDim, inputDim)</c> and biases of
/// shape <c>(outputDim)</c>. Layer attributes on a <c>partial class</c> declare a model in source order;
/// the Mlp source generator checks that the dimensions chain and writes the model's code.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AffineAttribute(int inputDim, int outputDim) : Attribute
{
    /// <summary>Features per example going in.</summary>
    public int InputDim { get; } = inputDim;

    /// <summary>Features per example coming out.</summary>
    public int OutputDim { get; } = outputDim;
}
