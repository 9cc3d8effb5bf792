using System.Globalization;

namespace Mlp.Serialization;

/// <summary>The file names of a model's parameters and state tensors under each <see cref="SafeTensorsNaming"/>.</summary>
internal static class TensorNames
{
    /// <summary>The name <paramref name="tensor"/> is stored under with <paramref name="naming"/>.</summary>
    public static string Of(IModelTensor tensor, SafeTensorsNaming naming) => naming switch
    {
        SafeTensorsNaming.Parameters => tensor.Name,
        // nn.Sequential numbers its modules as our layers are numbered; each module names its own tensors.
        SafeTensorsNaming.PyTorchSequential => string.Create(CultureInfo.InvariantCulture, $"{tensor.LayerIndex}.{PyTorchName(tensor)}"),
        _ => throw new ArgumentOutOfRangeException(nameof(naming), naming, "Unknown naming."),
    };

    /// <summary>Every parameter, then every state tensor of <paramref name="model"/>: the tensors a file of it holds, in order.</summary>
    public static IReadOnlyList<IModelTensor> All(IModel model) => [.. model.Parameters, .. model.StateTensors];

    /// <summary>A name → tensor map of <paramref name="tensors"/> under <paramref name="naming"/>.</summary>
    public static Dictionary<string, IModelTensor> Map(IReadOnlyList<IModelTensor> tensors, SafeTensorsNaming naming)
    {
        var map = new Dictionary<string, IModelTensor>(tensors.Count, StringComparer.Ordinal);
        foreach (IModelTensor t in tensors)
            map.Add(Of(t, naming), t);
        return map;
    }

    private static string PyTorchName(IModelTensor tensor) => tensor switch
    {
        Parameter p => LayerCatalogue.Parameter(p.Kind).PyTorchName,
        StateTensor s => LayerCatalogue.State(s.Kind).Name,
        _ => throw new ArgumentException($"Not a model tensor: {tensor.GetType()}.", nameof(tensor)),
    };
}
