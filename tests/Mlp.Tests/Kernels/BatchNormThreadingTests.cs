using Mlp.Kernels;
using Mlp.Threading;

namespace Mlp.Tests.Kernels;

/// <summary>Batch normalisation gives the same bits on 2, 3 and 7 threads as on one, with workers taking part.</summary>
[Collection(KernelWorkerCollection.Name)]
public class BatchNormThreadingTests
{
    // Wide enough to cut into blocks of features: 301 has a scalar tail; 1,000 features of 64 rows make 8 blocks.
    public static TheoryData<int, int, bool> Shapes => new()
    {
        { 100, 301, true }, { 100, 301, false }, { 64, 1000, true }, { 64, 1000, false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryPassGivesTheBitsOfOneThread(int rows, int features, bool training)
    {
        BatchNormCase one = Run(rows, features, training, threads: 1);
        foreach (int threads in new[] { 2, 3, 7 })
        {
            long partsBefore = KernelWorker.PartsRunForCurrentThread;
            BatchNormCase many = Run(rows, features, training, threads);
            foreach (((string name, float[] expected), (_, float[] actual)) in one.Written().Zip(many.Written()))
                GemmReference.AssertBitIdentical(expected, actual, $"{name} of {rows}×{features}, training {training}, {threads} threads");
            Assert.True(KernelWorker.PartsRunForCurrentThread - partsBefore >= 3, $"Workers did not take part in every pass on {threads} threads.");
        }
    }

    [Fact]
    public void ATrainingStepOfAModelGivesTheBitsOfOneThreadInParametersGradientsAndRunningStatistics()
    {
        float[][] one = ModelStep(threads: 1);
        foreach (int threads in new[] { 2, 3 })
        {
            float[][] many = ModelStep(threads);
            for (int i = 0; i < one.Length; i++)
                GemmReference.AssertBitIdentical(one[i], many[i], $"buffer {i} (outputs, gradients, input gradients, state) on {threads} threads");
        }
    }

    // Two training steps and an evaluation of a model whose BatchNorm layer is wide enough to be cut into blocks.
    private static float[][] ModelStep(int threads)
    {
        var model = new WideBatchNormNet(seed: 21);
        float[] x = TestData.Uniform(100 * 64, -1, 2, seed: 22), g = TestData.Uniform(100 * 10, -1, 1, seed: 23), gradsWrtInputs = new float[x.Length];
        using (new KernelScope(KernelPath.Avx2, threads))
        {
            model.Forward(x, 100, training: true);
            model.Forward(x, 100, training: true);
            model.Backward(g, gradsWrtInputs);
            float[] evaluated = model.Forward(x, 100).ToArray();
            return [evaluated, model.AllGradients.ToArray(), gradsWrtInputs, model.AllState.ToArray()];
        }
    }

    private static BatchNormCase Run(int rows, int features, bool training, int threads)
    {
        var c = new BatchNormCase(rows, features, seed: 20);
        using (new KernelScope(KernelPath.Avx2, threads))
        {
            c.Forward(training);
            c.Backward(training);
        }
        return c;
    }
}

/// <summary>A BatchNorm layer of 300 features: cut into blocks of features at a batch of 100.</summary>
[Affine(64, 300)] [BatchNorm] [Relu] [Affine(300, 10)]
public partial class WideBatchNormNet;
