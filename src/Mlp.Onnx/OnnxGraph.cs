using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Mlp.Serialization;
using Onnx;

namespace Mlp.Onnx;

/// <summary>Builds the ONNX model message for a model's inference graph, one node per layer.</summary>
internal static class OnnxGraph
{
    private const int Float = (int)TensorProto.Types.DataType.Float;

    /// <summary>The ONNX model of <paramref name="model"/>'s layers and current parameters.</summary>
    public static ModelProto Build(IModel model)
    {
        var graph = new GraphProto { Name = model.GetType().Name, DocString = model.Architecture };
        graph.Input.Add(Value(OnnxExporter.InputName, model.InputDim));
        graph.Output.Add(Value(OnnxExporter.OutputName, model.OutputDim));

        var weights = new Dictionary<int, Parameter>();
        var biases = new Dictionary<int, Parameter>();
        foreach (Parameter p in model.Parameters)
            (p.Kind == ParameterKind.Weights ? weights : biases).Add(p.LayerIndex, p);

        IReadOnlyList<LayerInfo> layers = model.Layers;
        string previous = OnnxExporter.InputName;
        for (int i = 0; i < layers.Count; i++)
        {
            LayerInfo layer = layers[i];
            bool last = i == layers.Count - 1;
            string output = last ? OnnxExporter.OutputName : Name(layer, "output");
            graph.Node.Add(Node(layer, previous, output, graph, weights, biases));
            if (!last)
                graph.ValueInfo.Add(Value(output, layer.OutputDim));
            previous = output;
        }
        if (layers.Count == 0)
            graph.Node.Add(new NodeProto { Name = "identity", OpType = "Identity", Input = { previous }, Output = { OnnxExporter.OutputName } });

        var onnx = new ModelProto
        {
            IrVersion = OnnxExporter.IrVersion,
            ProducerName = "Mlp",
            ProducerVersion = SafeTensorsSerializer.LibraryVersion,
            DocString = model.Architecture,
            Graph = graph,
        };
        onnx.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OnnxExporter.OpsetVersion });
        onnx.MetadataProps.Add(new StringStringEntryProto { Key = SafeTensorsSerializer.ArchitectureKey, Value = model.Architecture });
        return onnx;
    }

    private static NodeProto Node(LayerInfo layer, string input, string output, GraphProto graph,
        Dictionary<int, Parameter> weights, Dictionary<int, Parameter> biases)
    {
        var node = new NodeProto { Name = Name(layer, layer.Kind.ToString()), Input = { input }, Output = { output } };
        switch (layer.Kind)
        {
            case LayerKind.Affine:
                // y = x Wᵀ + b with W stored (output, input), as Gemm computes with transB = 1.
                Parameter w = weights[layer.Index], b = biases[layer.Index];
                graph.Initializer.Add(Tensor(w.Name, w.Shape.ToArray(), w.Values));
                graph.Initializer.Add(Tensor(b.Name, b.Shape.ToArray(), b.Values));
                node.OpType = "Gemm";
                node.Input.Add(w.Name);
                node.Input.Add(b.Name);
                node.Attribute.Add(IntAttribute("transB", 1));
                break;
            case LayerKind.Relu: node.OpType = "Relu"; break;
            case LayerKind.LeakyRelu:
                node.OpType = "LeakyRelu";
                node.Attribute.Add(FloatAttribute("alpha", layer.Argument));
                break;
            case LayerKind.Elu:
                node.OpType = "Elu";
                node.Attribute.Add(FloatAttribute("alpha", layer.Argument));
                break;
            case LayerKind.Sigmoid: node.OpType = "Sigmoid"; break;
            case LayerKind.Tanh: node.OpType = "Tanh"; break;
            case LayerKind.Softmax:
                node.OpType = "Softmax";
                node.Attribute.Add(IntAttribute("axis", -1));
                break;
            case LayerKind.Dropout:
                // The course's dropout multiplies by the inclusion probability at inference; ONNX Dropout would not.
                string probability = Name(layer, "inclusion_probability");
                graph.Initializer.Add(Tensor(probability, [], [layer.Argument]));
                node.OpType = "Mul";
                node.Input.Add(probability);
                break;
            default:
                throw new NotSupportedException($"Layer {layer.Index} is a {layer.Kind}, which has no ONNX export.");
        }
        return node;
    }

    private static string Name(LayerInfo layer, string suffix) =>
        string.Create(CultureInfo.InvariantCulture, $"layer{layer.Index}.{suffix}");

    private static ValueInfoProto Value(string name, int features) => new()
    {
        Name = name,
        Type = new TypeProto
        {
            TensorType = new TypeProto.Types.Tensor
            {
                ElemType = Float,
                Shape = new TensorShapeProto
                {
                    Dim =
                    {
                        new TensorShapeProto.Types.Dimension { DimParam = OnnxExporter.BatchDimension },
                        new TensorShapeProto.Types.Dimension { DimValue = features },
                    },
                },
            },
        },
    };

    private static TensorProto Tensor(string name, int[] shape, ReadOnlySpan<float> values)
    {
        var tensor = new TensorProto { Name = name, DataType = Float, RawData = LittleEndian(values) };
        foreach (int d in shape) tensor.Dims.Add(d);
        return tensor;
    }

    /// <summary>ONNX raw data is little-endian whatever the machine.</summary>
    private static ByteString LittleEndian(ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
            return ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        byte[] bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return ByteString.CopyFrom(bytes);
    }

    private static AttributeProto IntAttribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto FloatAttribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };
}
