using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>No allocation per kernel call or per training step once buffers are warm, on one thread or two.</summary>
[Collection(KernelWorkerCollection.Name)]
public class AllocationTests
{
    [Theory]
    [InlineData(KernelPath.Avx512, 1)]
    [InlineData(KernelPath.Avx512, 2)]
    [InlineData(KernelPath.Avx2, 1)]
    [InlineData(KernelPath.Avx2, 2)]
    [InlineData(KernelPath.Portable, 1)]
    [InlineData(KernelPath.Portable, 2)]
    public void AffineKernelsAllocateNothingOnceWarm(KernelPath path, int threads)
    {
        // Shapes that pick each loop nest, the transposing ones included (they keep per-thread scratch).
        float[] x = GemmReference.Random(50 * 784, 1), w1 = GemmReference.Random(50 * 784, 2), b1 = new float[50];
        float[] h = GemmReference.Random(50 * 50, 3), w2 = GemmReference.Random(784 * 50, 4), b2 = new float[784];
        float[] y = new float[50 * 784], dh = new float[50 * 50], dw2 = new float[784 * 50], dw1 = new float[50 * 784];
        using (new KernelScope(path, threads))
        {
            void Calls()
            {
                AffineKernel.Forward(x, w1, b1, h, 50, 784, 50);
                AffineKernel.Forward(h, w2, b2, y, 50, 50, 784);
                AffineKernel.BackwardParameters(y, h, dw2, b2, 50, 50, 784);
                AffineKernel.BackwardInputs(y, w2, dh, 50, 50, 784);
                AffineKernel.BackwardParameters(dh, x, dw1, b1, 50, 784, 50);
                SigmoidKernel.Forward(y, y);
            }
            Assert.Equal(0, AllocatedBy(Calls));
        }
    }

    [Theory]
    [InlineData(KernelPath.Avx512, 1)]
    [InlineData(KernelPath.Avx512, 2)]
    [InlineData(KernelPath.Avx2, 1)]
    [InlineData(KernelPath.Avx2, 2)]
    public void ATrainingStepAllocatesNothingOnceWarm(KernelPath path, int threads)
    {
        var model = new KernelTestAutoencoder(seed: 3);
        float[] inputs = GemmReference.Random(50 * 784, 4), grads = new float[50 * 784];
        using (new KernelScope(path, threads))
        {
            void Step()
            {
                ReadOnlySpan<float> outputs = model.Forward(inputs, 50, training: true);
                for (int i = 0; i < grads.Length; i++)
                    grads[i] = (outputs[i] - inputs[i]) / 50f;
                model.Backward(grads);
                Span<float> values = model.AllValues, gradients = model.AllGradients;
                for (int i = 0; i < values.Length; i++)
                    values[i] -= 0.01f * gradients[i];
            }
            Assert.Equal(0, AllocatedBy(Step));
        }
    }

    // The fewest bytes this thread allocates over ten calls, in any of five rounds after two warm-up calls.
    // Allocation in the code under test recurs every round; the runtime's own one-off work on this thread
    // (tier-up bookkeeping while methods are being recompiled) does not, so it cannot fail the test.
    // The worker thread allocates nothing by design (its loop only runs jobs and bumps counters).
    private static long AllocatedBy(Action action)
    {
        action();
        action();
        long fewest = long.MaxValue;
        for (int round = 0; round < 5 && fewest > 0; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
                action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return fewest;
    }
}
