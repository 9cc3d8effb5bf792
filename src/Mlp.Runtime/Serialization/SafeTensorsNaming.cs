namespace Mlp.Serialization;

/// <summary>Which names a model's tensors are saved under; loading accepts either.</summary>
public enum SafeTensorsNaming
{
    /// <summary>The parameters' own names: <c>layer0.weights</c>, <c>layer0.biases</c>, …</summary>
    Parameters,

    /// <summary>
    /// PyTorch <c>nn.Sequential</c> state-dict names, <c>{i}.weight</c> and <c>{i}.bias</c> with <c>i</c> the layer's
    /// index, so that <c>model.load_state_dict(safetensors.torch.load_file(path))</c> works on the matching
    /// <c>nn.Sequential</c>.
    /// </summary>
    PyTorchSequential,
}
