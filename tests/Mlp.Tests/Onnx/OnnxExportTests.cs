using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mlp.Onnx;
using Mlp.Tests.Generated;
using Mlp.Tests.Serialization;
using Onnx;

namespace Mlp.Tests.Onnx;

/// <summary>
/// Exported graphs run in ONNX Runtime (an independent implementation of every operator) and must give
/// what <see cref="IModel.Forward"/> gives at inference, for every layer kind and for several batch sizes
/// from the one file.
/// </summary>
public sealed class OnnxExportTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<string> Models => ModelRegistry.Names;

    [Theory]
    [MemberData(nameof(Models))]
    public void OnnxRuntimeComputesWhatForwardComputesAtBatchSizesOneAndSeven(string name)
    {
        IModel model = ModelRegistry.Create(name);
        // Non-zero biases, so a dropped or misplaced bias shows.
        foreach (Parameter p in model.Parameters)
            if (p.Kind == ParameterKind.Biases)
                new RandomGenerator(p.LayerIndex + 100).FillUniform(p.Values, -0.5, 0.5);

        using var session = new InferenceSession(model.ToOnnx());
        foreach (int batch in new[] { 1, 7 })
        {
            float[] x = TestData.Uniform(batch * model.InputDim, -3, 3, seed: batch);
            float[] expected = model.Forward(x, batch).ToArray();
            float[] actual = Run(session, x, batch, model.InputDim);
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                TestData.Close(expected[i], actual[i], Tolerance, Tolerance, $"{name}, batch {batch}, output {i}");
        }
    }

    [Fact]
    public void TheBatchDimensionIsSymbolicAndTheFeatureDimensionsFixed()
    {
        using var session = new InferenceSession(new EveryLayerNet(seed: 1).ToOnnx());
        NodeMetadata input = session.InputMetadata[OnnxExporter.InputName];
        NodeMetadata output = session.OutputMetadata[OnnxExporter.OutputName];
        Assert.Equal([-1, 7], input.Dimensions);
        Assert.Equal(["batch", ""], input.SymbolicDimensions);
        Assert.Equal([-1, 3], output.Dimensions);
        Assert.Equal(["batch", ""], output.SymbolicDimensions);
        Assert.Equal(typeof(float), input.ElementType);
    }

    [Fact]
    public void EachLayerBecomesItsOperatorAndDropoutAMultiplicationByItsInclusionProbability()
    {
        var model = new EveryLayerNet(seed: 1);
        ModelProto onnx = ModelProto.Parser.ParseFrom(model.ToOnnx());

        Assert.Equal(8, onnx.IrVersion);
        Assert.Equal(17, onnx.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.Equal(["Mul", "Gemm", "Relu", "Gemm", "LeakyRelu", "Gemm", "Elu", "Gemm", "Tanh", "Mul", "Gemm", "Sigmoid", "Gemm", "Softmax"],
            onnx.Graph.Node.Select(n => n.OpType));
        Assert.Equal(["input"], onnx.Graph.Node[0].Input.Take(1));
        Assert.Equal(["output"], onnx.Graph.Node[^1].Output);
        for (int i = 1; i < onnx.Graph.Node.Count; i++)                    // a chain: each node reads the last one's output
            Assert.Equal(onnx.Graph.Node[i - 1].Output[0], onnx.Graph.Node[i].Input[0]);

        NodeProto gemm = onnx.Graph.Node[1];
        Assert.Equal(["layer0.output", "layer1.weights", "layer1.biases"], gemm.Input);
        Assert.Equal(1, gemm.Attribute.Single(a => a.Name == "transB").I);
        Assert.Equal(0.2f, onnx.Graph.Node[4].Attribute.Single(a => a.Name == "alpha").F);
        Assert.Equal(0.7f, onnx.Graph.Node[6].Attribute.Single(a => a.Name == "alpha").F);
        Assert.Equal(-1, onnx.Graph.Node[13].Attribute.Single(a => a.Name == "axis").I);

        TensorProto p = onnx.Graph.Initializer.Single(t => t.Name == onnx.Graph.Node[9].Input[1]);
        Assert.Empty(p.Dims);
        Assert.Equal(0.5f, BitConverter.ToSingle(p.RawData.Span));
        TensorProto w = onnx.Graph.Initializer.Single(t => t.Name == "layer3.weights");
        Assert.Equal([12L, 33L], w.Dims);
        Assert.Equal(model.Layer3Weights.Values.ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(w.RawData.Span).ToArray());
        Assert.Equal(EveryLayerNet.Architecture, onnx.MetadataProps.Single(e => e.Key == "mlp.architecture").Value);
    }

    [Fact]
    public void ExportToAFileWritesAModelOnnxRuntimeLoads()
    {
        using var folder = new TempFolder();
        string path = folder.File("model.onnx");
        var model = new ReluNet(seed: 2);
        model.ExportOnnx(path);
        using var session = new InferenceSession(path);
        float[] x = TestData.Uniform(3 * 7, -1, 1, seed: 4);
        float[] expected = model.Forward(x, 3).ToArray();
        float[] actual = Run(session, x, 3, 7);
        for (int i = 0; i < expected.Length; i++)
            TestData.Close(expected[i], actual[i], Tolerance, Tolerance, $"output {i}");
        Assert.Equal(["model.onnx"], folder.Entries());

        var stream = new MemoryStream();
        model.ExportOnnx(stream);
        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        Assert.Throws<ArgumentNullException>("model", () => OnnxExporter.ToOnnx(null!));
        Assert.Throws<ArgumentNullException>("stream", () => new TinyModel(seed: 1).ExportOnnx((Stream)null!));
        Assert.Throws<ArgumentException>("path", () => new TinyModel(seed: 1).ExportOnnx(""));
    }

    private static float[] Run(InferenceSession session, float[] x, int batch, int inputDim)
    {
        var input = new DenseTensor<float>(x, [batch, inputDim]);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run([NamedOnnxValue.CreateFromTensor(OnnxExporter.InputName, input)]);
        return results.Single(r => r.Name == OnnxExporter.OutputName).AsEnumerable<float>().ToArray();
    }
}
