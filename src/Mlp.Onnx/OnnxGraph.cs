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

        var parameters = new Dictionary<(int, ParameterKind), Parameter>();
        foreach (Parameter p in model.Parameters)
            parameters.Add((p.LayerIndex, p.Kind), p);
        var state = new Dictionary<(int, StateKind), StateTensor>();
        foreach (StateTensor t in model.StateTensors)
            state.Add((t.LayerIndex, t.Kind), t);

        IReadOnlyList<LayerInfo> layers = model.Layers;
        string previous = OnnxExporter.InputName;
        for (int i = 0; i < layers.Count; i++)
        {
            LayerInfo layer = layers[i];
            bool last = i == layers.Count - 1;
            string output = last ? OnnxExporter.OutputName : Name(layer, "output");
            graph.Node.Add(Node(layer, previous, output, graph, parameters, state));
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

    /// <summary>
    /// The layer's node as its catalogue row says: the operator, the input, then the parameters and the state tensors
    /// (BatchNorm's running statistics: the inference graph normalises with them) as initializers.
    /// </summary>
    private static NodeProto Node(LayerInfo layer, string input, string output, GraphProto graph,
        Dictionary<(int, ParameterKind), Parameter> parameters, Dictionary<(int, StateKind), StateTensor> state)
    {
        LayerRow row = LayerCatalogue.Of(layer.Kind);
        OnnxOperator op = row.Onnx;
        var node = new NodeProto { Name = Name(layer, layer.Kind.ToString()), OpType = op.OpType, Input = { input }, Output = { output } };
        foreach (LayerParameter description in row.Parameters)
        {
            Parameter p = parameters[(layer.Index, description.Kind)];
            graph.Initializer.Add(Tensor(p.Name, p.Shape.ToArray(), p.Values));
            node.Input.Add(p.Name);
        }
        foreach (LayerState description in row.States)
        {
            StateTensor t = state[(layer.Index, description.Kind)];
            graph.Initializer.Add(Tensor(t.Name, t.Shape.ToArray(), t.Values));
            node.Input.Add(t.Name);
        }
        if (op.ArgumentInput is not null)
        {
            string name = Name(layer, op.ArgumentInput);
            graph.Initializer.Add(Tensor(name, [], [layer.Argument]));
            node.Input.Add(name);
        }
        if (op.ArgumentAttribute is not null)
            node.Attribute.Add(FloatAttribute(op.ArgumentAttribute, layer.Argument));
        if (op.FloatAttribute is not null)
            node.Attribute.Add(FloatAttribute(op.FloatAttribute, op.FloatAttributeValue));
        if (op.IntAttribute is not null)
            node.Attribute.Add(IntAttribute(op.IntAttribute, op.IntAttributeValue));
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
