namespace Mlp.Serialization;

/// <summary>Matches a file's tensors to a model's parameters by name and shape, under whichever naming the file uses.</summary>
internal static class ModelBinding
{
    /// <summary>Pairs every tensor with its parameter, or throws naming the first tensor that is extra, missing or misshapen.</summary>
    public static (TensorEntry Entry, Parameter Parameter)[] Bind(IReadOnlyList<Parameter> parameters, IReadOnlyList<TensorEntry> tensors, string fileName)
    {
        // A file uses one naming throughout; judge by which matches more names, so the errors speak its language.
        Dictionary<string, Parameter> own = TensorNames.Map(parameters, SafeTensorsNaming.Parameters);
        Dictionary<string, Parameter> pyTorch = TensorNames.Map(parameters, SafeTensorsNaming.PyTorchSequential);
        int ownMatches = tensors.Count(t => own.ContainsKey(t.Name));
        int pyTorchMatches = tensors.Count(t => pyTorch.ContainsKey(t.Name));
        SafeTensorsNaming naming = pyTorchMatches > ownMatches ? SafeTensorsNaming.PyTorchSequential : SafeTensorsNaming.Parameters;
        Dictionary<string, Parameter> byName = naming == SafeTensorsNaming.Parameters ? own : pyTorch;

        var bindings = new (TensorEntry, Parameter)[tensors.Count];
        for (int i = 0; i < tensors.Count; i++)
        {
            TensorEntry t = tensors[i];
            if (!byName.TryGetValue(t.Name, out Parameter? p))
                throw new SafeTensorsFormatException(fileName, t.Name,
                    $"the model has no such parameter (its {Describe(naming)} names are {string.Join(", ", byName.Keys)}).");
            if (!SameShape(t.Shape, p.Shape))
                throw new SafeTensorsFormatException(fileName, t.Name,
                    $"it has shape {t.ShapeText} but the model's parameter {p.Name} has shape [{string.Join(", ", p.Shape.ToArray())}].");
            bindings[i] = (t, p);
        }
        if (tensors.Count < parameters.Count)
        {
            var present = new HashSet<string>(tensors.Select(t => t.Name), StringComparer.Ordinal);
            string missing = TensorNames.Of(parameters.First(p => !present.Contains(TensorNames.Of(p, naming))), naming);
            throw new SafeTensorsFormatException(fileName, missing, "the model's parameter is missing from the file.");
        }
        return bindings;
    }

    private static bool SameShape(ulong[] file, ReadOnlySpan<int> model)
    {
        if (file.Length != model.Length) return false;
        for (int i = 0; i < file.Length; i++)
            if (file[i] != (ulong)model[i]) return false;
        return true;
    }

    private static string Describe(SafeTensorsNaming naming) =>
        naming == SafeTensorsNaming.Parameters ? "parameter" : "PyTorch nn.Sequential";
}
