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
