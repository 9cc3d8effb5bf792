#if MLP_GENERATOR
namespace Mlp.Generators;
#else
namespace Mlp;
#endif

/// <summary>
/// The ONNX node a layer exports to (opset 17): the operator, then the layer's input, then its parameters in
/// <see cref="LayerRow.Parameters"/> order and its state tensors in <see cref="LayerRow.States"/> order as initializers.
/// </summary>
/// <param name="OpType">The operator, e.g. <c>Gemm</c>.</param>
public sealed record OnnxOperator(string OpType)
{
    /// <summary>The float attribute that carries the layer's argument, e.g. <c>alpha</c>; null when none does.</summary>
    public string? ArgumentAttribute { get; init; }

    /// <summary>
    /// When set, the layer's argument becomes a scalar initializer named <c>layer{i}.{ArgumentInput}</c> and the
    /// operator's second input (Dropout's <c>Mul</c>).
    /// </summary>
    public string? ArgumentInput { get; init; }

    /// <summary>A fixed float attribute, e.g. BatchNormalization's <c>epsilon</c>; null when none.</summary>
    public string? FloatAttribute { get; init; }

    /// <summary>The value of <see cref="FloatAttribute"/>.</summary>
    public float FloatAttributeValue { get; init; }

    /// <summary>A fixed integer attribute, e.g. Gemm's <c>transB = 1</c>; null when none.</summary>
    public string? IntAttribute { get; init; }

    /// <summary>The value of <see cref="IntAttribute"/>.</summary>
    public long IntAttributeValue { get; init; }
}

/// <summary>The PyTorch module a layer corresponds to.</summary>
/// <param name="Module">The module's class, e.g. <c>torch.nn.LeakyReLU</c>.</param>
/// <param name="ArgumentName">The module's name for the layer's argument, e.g. <c>negative_slope</c>; null when it has none.</param>
/// <param name="Note">How the module differs from the layer, when it does; null when they compute the same.</param>
public sealed record PyTorchModule(string Module, string? ArgumentName = null, string? Note = null);
