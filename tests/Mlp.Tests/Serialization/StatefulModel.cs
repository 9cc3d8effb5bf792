namespace Mlp.Tests.Serialization;

/// <summary>
/// <see cref="SmallModel"/> with a running mean and variance of its hidden layer's three features as state: the
/// plumbing of state tensors (safetensors, checkpoints) apart from any layer that updates them.
/// </summary>
internal sealed class StatefulModel : IModel
{
    private readonly SmallModel _model;
    private readonly float[] _state = new float[6];
    private readonly StateTensor[] _stateTensors;

    public StatefulModel(int seed)
    {
        _model = new SmallModel(seed);
        _stateTensors =
        [
            new StateTensor("layer1.running_mean", StateKind.RunningMean, layerIndex: 1, shape: [3], _state, offset: 0),
            new StateTensor("layer1.running_var", StateKind.RunningVariance, layerIndex: 1, shape: [3], _state, offset: 3),
        ];
        new RandomGenerator(seed + 1000).FillUniform(_state, 0, 1);
    }

    public IReadOnlyList<StateTensor> StateTensors => _stateTensors;

    public Span<float> AllState => _state;

    public int InputDim => SmallModel.InputDim;

    public int OutputDim => SmallModel.OutputDim;

    public IReadOnlyList<LayerInfo> Layers => _model.Layers;

    public string Architecture => SmallModel.Architecture;

    public IReadOnlyList<Parameter> Parameters => _model.Parameters;

    public Span<float> AllValues => _model.AllValues;

    public Span<float> AllGradients => _model.AllGradients;

    public RandomGenerator Random => _model.Random;

    // Training moves the "statistics" deterministically, so a resumed run must have restored them to match.
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> inputs, int batchSize, bool training = false)
    {
        if (training)
        {
            for (int i = 0; i < _state.Length; i++)
                _state[i] = 0.9f * _state[i] + 0.1f * inputs[i % inputs.Length];
        }
        return _model.Forward(inputs, batchSize, training);
    }

    public void Backward(ReadOnlySpan<float> gradsWrtOutputs) => _model.Backward(gradsWrtOutputs);

    public void Backward(ReadOnlySpan<float> gradsWrtOutputs, Span<float> gradsWrtInputs) => _model.Backward(gradsWrtOutputs, gradsWrtInputs);

    public ReadOnlySpan<float> LayerOutput(int index) => _model.LayerOutput(index);
}
