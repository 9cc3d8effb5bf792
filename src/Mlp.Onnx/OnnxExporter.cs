using Google.Protobuf;
using Mlp.Serialization;
using Onnx;

namespace Mlp.Onnx;

/// <summary>
/// Exports a model's inference graph as ONNX: one input <c>input</c> of shape (batch, InputDim) and one output
/// <c>output</c> of shape (batch, OutputDim), with a symbolic batch dimension and the current parameters as
/// initializers, so ONNX Runtime and other ONNX tools compute what <see cref="IModel.Forward"/> computes with
/// <c>training: false</c>.
/// </summary>
/// <remarks>
/// Affine layers become <c>Gemm</c> (with <c>transB = 1</c>, as weights are (output, input)), activations their
/// ONNX operators (<c>Relu</c>, <c>LeakyRelu</c>, <c>Elu</c>, <c>Sigmoid</c>, <c>Tanh</c>, <c>Softmax</c> over the last
/// axis), and Dropout a <c>Mul</c> by its inclusion probability: the course's dropout scales by that
/// probability at inference, whereas ONNX's <c>Dropout</c> is the identity there.
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The ONNX operator set the graph uses (default domain).</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version of the file, the one that goes with <see cref="OpsetVersion"/>.</summary>
    public const long IrVersion = 8;

    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>The name of the symbolic first dimension of the input and output.</summary>
    public const string BatchDimension = "batch";

    /// <summary>Writes <paramref name="model"/> as an ONNX file at <paramref name="path"/>, replacing it atomically.</summary>
    /// <param name="model">The model to export.</param>
    /// <param name="path">The file to create or replace (conventionally <c>*.onnx</c>); its folder must exist.</param>
    public static void ExportOnnx(this IModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModelProto onnx = OnnxGraph.Build(model);
        AtomicFile.Write(path, onnx.WriteTo);
    }

    /// <summary>Writes <paramref name="model"/> as ONNX to <paramref name="stream"/> at its position; the stream stays open.</summary>
    /// <param name="model">The model to export.</param>
    /// <param name="stream">A writable stream.</param>
    public static void ExportOnnx(this IModel model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        OnnxGraph.Build(model).WriteTo(stream);
    }

    /// <summary>The model as ONNX bytes, e.g. to hand straight to an inference session.</summary>
    /// <param name="model">The model to export.</param>
    public static byte[] ToOnnx(this IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return OnnxGraph.Build(model).ToByteArray();
    }
}
