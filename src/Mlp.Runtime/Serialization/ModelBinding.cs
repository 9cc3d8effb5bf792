namespace Mlp.Serialization;

/// <summary>
/// Matches a file's tensors to a model's parameters and state tensors by name and shape, under whichever naming the
/// file uses.
/// </summary>
internal static class ModelBinding
{
    /// <summary>
    /// Pairs every tensor with the model's tensor of its name, or throws naming the first tensor that is extra, missing
    /// or misshapen. A PyTorch BatchNorm batch counter (<c>{i}.num_batches_tracked</c>) beside the running mean it
    /// counts for is left out: the model keeps no such counter.
    /// </summary>
    public static (TensorEntry Entry, IModelTensor Tensor)[] Bind(IModel model, IReadOnlyList<TensorEntry> tensors, string fileName)
    {
        IReadOnlyList<IModelTensor> all = TensorNames.All(model);
        // A file uses one naming throughout; judge by which matches more names, so the errors speak its language.
        Dictionary<string, IModelTensor> own = TensorNames.Map(all, SafeTensorsNaming.Parameters);
        Dictionary<string, IModelTensor> pyTorch = TensorNames.Map(all, SafeTensorsNaming.PyTorchSequential);
        int ownMatches = tensors.Count(t => own.ContainsKey(t.Name));
        int pyTorchMatches = tensors.Count(t => pyTorch.ContainsKey(t.Name));
        SafeTensorsNaming naming = pyTorchMatches > ownMatches ? SafeTensorsNaming.PyTorchSequential : SafeTensorsNaming.Parameters;
        Dictionary<string, IModelTensor> byName = naming == SafeTensorsNaming.Parameters ? own : pyTorch;

        var bindings = new List<(TensorEntry, IModelTensor)>(tensors.Count);
        foreach (TensorEntry t in tensors)
        {
            if (t.IsBatchCounter && CountsForRunningStatistics(t.Name, byName))
                continue;
            if (!byName.TryGetValue(t.Name, out IModelTensor? tensor))
                throw new SafeTensorsFormatException(fileName, t.Name,
                    $"the model has no such parameter (its {Describe(naming)} names are {string.Join(", ", byName.Keys)}).");
            if (!SameShape(t.Shape, tensor.Shape))
                throw new SafeTensorsFormatException(fileName, t.Name,
                    $"it has shape {t.ShapeText} but the model's {What(tensor)} {tensor.Name} has shape [{string.Join(", ", tensor.Shape.ToArray())}].");
            bindings.Add((t, tensor));
        }
        if (bindings.Count < all.Count)
        {
            var present = new HashSet<string>(tensors.Select(t => t.Name), StringComparer.Ordinal);
            IModelTensor missing = all.First(p => !present.Contains(TensorNames.Of(p, naming)));
            throw new SafeTensorsFormatException(fileName, TensorNames.Of(missing, naming), $"the model's {What(missing)} is missing from the file.");
        }
        return [.. bindings];
    }

    // "{i}.num_batches_tracked" counts the batches behind "{i}.running_mean": skip it only beside a running mean the model has.
    private static bool CountsForRunningStatistics(string counterName, Dictionary<string, IModelTensor> byName)
    {
        string layerPrefix = counterName[..^SafeTensorsHeader.BatchCounterSuffix.Length] + ".";
        foreach ((string name, IModelTensor tensor) in byName)
        {
            if (tensor is StateTensor { Kind: StateKind.RunningMean } && name.StartsWith(layerPrefix, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    private static bool SameShape(ulong[] file, ReadOnlySpan<int> model)
    {
        if (file.Length != model.Length) return false;
        for (int i = 0; i < file.Length; i++)
            if (file[i] != (ulong)model[i]) return false;
        return true;
    }

    private static string What(IModelTensor tensor) => tensor is StateTensor ? "state tensor" : "parameter";

    private static string Describe(SafeTensorsNaming naming) =>
        naming == SafeTensorsNaming.Parameters ? "parameter" : "PyTorch nn.Sequential";
}
