namespace Mlp;

/// <summary>
/// One named tensor of a model's parameters: a window onto the model's single contiguous value buffer
/// and the matching window of its gradient buffer.
/// </summary>
public sealed class Parameter : Serialization.IModelTensor
{
    private readonly float[] _values;
    private readonly float[] _gradients;
    private readonly int[] _shape;

    /// <summary>Creates a parameter over the product of <paramref name="shape"/> elements of the model's buffers from <paramref name="offset"/>.</summary>
    /// <param name="name">The parameter's name, e.g. <c>layer0.weights</c>.</param>
    /// <param name="kind">What the parameter is to its layer: weights, biases, BatchNorm's gamma or beta.</param>
    /// <param name="layerIndex">The 0-based position of the owning layer attribute.</param>
    /// <param name="shape">Row-major shape; its product is the length.</param>
    /// <param name="values">The model's value buffer.</param>
    /// <param name="gradients">The model's gradient buffer, the same length as <paramref name="values"/>.</param>
    /// <param name="offset">Where this parameter starts in both buffers.</param>
    public Parameter(string name, ParameterKind kind, int layerIndex, int[] shape, float[] values, float[] gradients, int offset)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(gradients);
        if (values.Length != gradients.Length)
            throw new ArgumentException($"The value buffer has {values.Length} elements but the gradient buffer has {gradients.Length}.", nameof(gradients));
        int length = TensorWindow.Length(shape, offset, values.Length, "parameter");
        Name = name;
        Kind = kind;
        LayerIndex = layerIndex;
        _shape = (int[])shape.Clone();
        _values = values;
        _gradients = gradients;
        Offset = offset;
        Length = length;
    }

    /// <summary>The parameter's name, e.g. <c>layer0.weights</c>.</summary>
    public string Name { get; }

    /// <summary>What the parameter is to its layer: weights, biases, BatchNorm's gamma or beta.</summary>
    public ParameterKind Kind { get; }

    /// <summary>The 0-based position of the owning layer attribute.</summary>
    public int LayerIndex { get; }

    /// <summary>The row-major shape: <c>(outputDim, inputDim)</c> for weights, <c>(outputDim)</c> for biases.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Where the parameter starts in <see cref="IModel.AllValues"/> and <see cref="IModel.AllGradients"/>.</summary>
    public int Offset { get; }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The parameter's values, row-major.</summary>
    public Span<float> Values => _values.AsSpan(Offset, Length);

    /// <summary>The gradient of the error with respect to <see cref="Values"/> from the last <c>Backward</c>.</summary>
    public Span<float> Gradients => _gradients.AsSpan(Offset, Length);

    /// <summary>When set, learning rules leave this parameter unchanged (its gradients are still computed).</summary>
    public bool IsFrozen { get; set; }

    /// <summary>Fan-in for initialisers: the input dimension of weights, 1 for biases.</summary>
    public int FanIn => _shape.Length == 2 ? _shape[1] : 1;

    /// <summary>Fan-out for initialisers: the output dimension (the first axis).</summary>
    public int FanOut => _shape[0];

    /// <summary>A description such as <c>layer0.weights (50, 784)</c>.</summary>
    public override string ToString() => $"{Name} ({string.Join(", ", _shape)})";
}
