namespace Mlp;

/// <summary>
/// One named tensor of a model's state that is not trained (BatchNorm's running mean and variance): a window onto the
/// model's single contiguous state buffer. Training passes update it, learning rules do not; it is saved with the
/// parameters and in training checkpoints.
/// </summary>
public sealed class StateTensor : Serialization.IModelTensor
{
    private readonly float[] _values;
    private readonly int[] _shape;

    /// <summary>Creates a state tensor over the product of <paramref name="shape"/> elements of the model's state buffer from <paramref name="offset"/>.</summary>
    /// <param name="name">The tensor's name, e.g. <c>layer1.running_mean</c>.</param>
    /// <param name="kind">What the tensor is.</param>
    /// <param name="layerIndex">The 0-based position of the owning layer attribute.</param>
    /// <param name="shape">Row-major shape; its product is the length.</param>
    /// <param name="values">The model's state buffer.</param>
    /// <param name="offset">Where this tensor starts in the buffer.</param>
    public StateTensor(string name, StateKind kind, int layerIndex, int[] shape, float[] values, int offset)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(values);
        int length = TensorWindow.Length(shape, offset, values.Length, "state tensor");
        Name = name;
        Kind = kind;
        LayerIndex = layerIndex;
        _shape = (int[])shape.Clone();
        _values = values;
        Offset = offset;
        Length = length;
    }

    /// <summary>The tensor's name, e.g. <c>layer1.running_mean</c>.</summary>
    public string Name { get; }

    /// <summary>What the tensor is.</summary>
    public StateKind Kind { get; }

    /// <summary>The 0-based position of the owning layer attribute.</summary>
    public int LayerIndex { get; }

    /// <summary>The row-major shape, <c>(features)</c> for BatchNorm's statistics.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>Where the tensor starts in <see cref="IModel.AllState"/>.</summary>
    public int Offset { get; }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The tensor's values, row-major.</summary>
    public Span<float> Values => _values.AsSpan(Offset, Length);

    /// <summary>A description such as <c>layer1.running_mean (50)</c>.</summary>
    public override string ToString() => $"{Name} ({string.Join(", ", _shape)})";
}
