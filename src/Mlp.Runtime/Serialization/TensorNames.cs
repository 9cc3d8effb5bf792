using System.Globalization;

namespace Mlp.Serialization;

/// <summary>The file names of a model's parameters under each <see cref="SafeTensorsNaming"/>.</summary>
internal static class TensorNames
{
    /// <summary>The name <paramref name="parameter"/> is stored under with <paramref name="naming"/>.</summary>
    public static string Of(Parameter parameter, SafeTensorsNaming naming) => naming switch
    {
        SafeTensorsNaming.Parameters => parameter.Name,
        // nn.Sequential numbers its modules as our layers are numbered; each module names its own tensors.
        SafeTensorsNaming.PyTorchSequential => string.Create(CultureInfo.InvariantCulture,
            $"{parameter.LayerIndex}.{LayerCatalogue.Parameter(parameter.Kind).PyTorchName}"),
        _ => throw new ArgumentOutOfRangeException(nameof(naming), naming, "Unknown naming."),
    };

    /// <summary>A name → parameter map of <paramref name="parameters"/> under <paramref name="naming"/>.</summary>
    public static Dictionary<string, Parameter> Map(IReadOnlyList<Parameter> parameters, SafeTensorsNaming naming)
    {
        var map = new Dictionary<string, Parameter>(parameters.Count, StringComparer.Ordinal);
        foreach (Parameter p in parameters)
            map.Add(Of(p, naming), p);
        return map;
    }
}
