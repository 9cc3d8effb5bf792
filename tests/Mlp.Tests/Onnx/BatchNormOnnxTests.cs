using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mlp.Kernels;
using Mlp.Onnx;
using Mlp.Tests.Generated;
using Onnx;

namespace Mlp.Tests.Onnx;

/// <summary>
/// A BatchNorm layer exports as ONNX <c>BatchNormalization</c> with inference semantics: its running statistics as the
/// mean and variance initializers, <c>epsilon</c> 1e-5; ONNX Runtime then computes what the evaluation Forward does.
/// </summary>
public sealed class BatchNormOnnxTests
{
    [Fact]
    public void ATrainedBatchNormLayerIsBatchNormalizationOverItsRunningStatistics()
    {
        var model = new BatchNormNet(seed: 1);
        var random = new RandomGenerator(2);
        foreach (Parameter p in model.Parameters.Where(p => p.Kind is ParameterKind.Gamma or ParameterKind.Beta))
            random.FillUniform(p.Values, 0.5, 1.5);
        // Training passes move the running statistics away from 0 and 1.
        for (int step = 0; step < 5; step++)
            model.Forward(TestData.Uniform(20 * BatchNormNet.InputDim, -2, 4, seed: 10 + step), 20, training: true);

        byte[] bytes = model.ToOnnx();
        ModelProto onnx = ModelProto.Parser.ParseFrom(bytes);
        NodeProto node = onnx.Graph.Node[2];
        Assert.Equal("BatchNormalization", node.OpType);
        Assert.Equal(["layer1.output", "layer2.gamma", "layer2.beta", "layer2.running_mean", "layer2.running_var"], node.Input);
        Assert.Equal(BatchNormKernel.Epsilon, node.Attribute.Single(a => a.Name == "epsilon").F);   // the catalogue's, stated apart from the kernel's
        Assert.DoesNotContain(node.Attribute, a => a.Name is "momentum" or "training_mode");
        TensorProto variance = onnx.Graph.Initializer.Single(t => t.Name == "layer2.running_var");
        Assert.Equal(model.Layer2RunningVariance.Values.ToArray(), System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(variance.RawData.Span).ToArray());

        using var session = new InferenceSession(bytes);
        float[] x = TestData.Uniform(9 * BatchNormNet.InputDim, -3, 3, seed: 3);
        float[] expected = model.Forward(x, 9).ToArray();
        var input = new DenseTensor<float>(x, [9, BatchNormNet.InputDim]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxExporter.InputName, input)]);
        float[] actual = results.Single().AsEnumerable<float>().ToArray();
        for (int i = 0; i < expected.Length; i++)
            TestData.Close(expected[i], actual[i], 1e-5, 1e-5, $"output {i}");
    }
}
