using Mlp.Examples.Output;
using Mlp.Onnx;
using Mlp.Serialization;

namespace Mlp.Examples.Exercises;

/// <summary>Saves a trained model into the output folder twice: its parameters as safetensors and its inference graph as ONNX.</summary>
public static class ModelFiles
{
    /// <summary>The safetensors file's extension.</summary>
    public const string SafeTensorsExtension = ".safetensors";

    /// <summary>The ONNX file's extension.</summary>
    public const string OnnxExtension = ".onnx";

    /// <summary>Writes <c>{name}.safetensors</c> and <c>{name}.onnx</c> into <paramref name="folder"/>, each atomically.</summary>
    /// <param name="model">The trained model.</param>
    /// <param name="folder">The output folder.</param>
    /// <param name="name">The files' base name, e.g. <c>ex1-linear-autoencoder</c>.</param>
    /// <param name="title">What the report calls the model.</param>
    public static SavedModel Save(IModel model, string folder, string name, string title)
    {
        ArgumentNullException.ThrowIfNull(model);
        string safeTensors = name + SafeTensorsExtension, onnx = name + OnnxExtension;
        model.Save(Path.Combine(folder, safeTensors));
        model.ExportOnnx(Path.Combine(folder, onnx));
        return new SavedModel(title, model.Architecture, model.AllValues.Length, safeTensors, onnx);
    }
}
