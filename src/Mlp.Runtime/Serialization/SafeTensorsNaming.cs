namespace Mlp.Serialization;

/// <summary>Which names a model's tensors are saved under; loading accepts either.</summary>
public enum SafeTensorsNaming
{
    /// <summary>The tensors' own names: <c>layer0.weights</c>, <c>layer0.biases</c>, <c>layer1.gamma</c>, <c>layer1.running_mean</c>, …</summary>
    Parameters,

    /// <summary>
    /// PyTorch <c>nn.Sequential</c> state-dict names, <c>{i}.weight</c> and <c>{i}.bias</c> (and a BatchNorm's
    /// <c>{i}.running_mean</c> and <c>{i}.running_var</c>) with <c>i</c> the layer's index, so that
    /// <c>model.load_state_dict(safetensors.torch.load_file(path))</c> works on the matching <c>nn.Sequential</c>
    /// (PyTorch fills in the <c>num_batches_tracked</c> counters the file does not hold).
    /// </summary>
    PyTorchSequential,
}
