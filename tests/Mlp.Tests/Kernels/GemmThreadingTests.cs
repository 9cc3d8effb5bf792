using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>Two threads give the same bits as one, for every product path and for whole models.</summary>
[Collection(KernelWorkerCollection.Name)]
public class GemmThreadingTests
{
    public static TheoryData<KernelPath, int, int, int> Shapes => GemmShapes.WithPaths();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Two_threads_give_the_bits_of_one(KernelPath path, int m, int n, int k)
    {
        float[] a = GemmReference.Random(m * k, 21), b = GemmReference.Random(n * k, 22), bias = GemmReference.Random(n, 23);
        float[] at = GemmReference.Random(k * m, 24), bn = GemmReference.Random(k * n, 25);
        float[][] one = Products(path, 1, a, b, bias, at, bn, m, n, k);
        long partsBefore = KernelWorker.PartsRun;
        float[][] two = Products(path, 2, a, b, bias, at, bn, m, n, k);
        string[] names = ["A·Bᵀ + bias", "A·B", "Aᵀ·B"];
        for (int i = 0; i < one.Length; i++)
            GemmReference.AssertBitIdentical(one[i], two[i], $"{path} {names[i]} {m}×{n}×{k}");
        GemmPath kernels = KernelScope.Effective(path);
        int shared = CanShare(Gemm.FormOfMultiplyTransposed(m, k), m, n, k, 1)
            + CanShare(Gemm.FormOfMultiply(m, n, k, 1, kernels), m, n, k, 1)
            + CanShare(Gemm.FormOfMultiply(m, n, k, m, kernels), m, n, k, m);
        Assert.Equal(shared, KernelWorker.PartsRun - partsBefore);
    }

    [Theory]
    [InlineData(KernelPath.Avx512, 50)]
    [InlineData(KernelPath.Avx512, 7)]
    [InlineData(KernelPath.Avx512, 1)]
    [InlineData(KernelPath.Avx2, 50)]
    [InlineData(KernelPath.Avx2, 7)]
    [InlineData(KernelPath.Avx2, 1)]
    [InlineData(KernelPath.Portable, 50)]
    [InlineData(KernelPath.Portable, 13)]
    public void A_training_step_of_the_autoencoder_is_bit_identical_on_two_threads(KernelPath path, int batch)
    {
        float[] inputs = GemmReference.Random(batch * 784, 31);
        var one = Step(new KernelTestAutoencoder(seed: 5), inputs, batch, path, 1);
        long partsBefore = KernelWorker.PartsRun;
        var two = Step(new KernelTestAutoencoder(seed: 5), inputs, batch, path, 2);
        GemmReference.AssertBitIdentical(one.Outputs, two.Outputs, "outputs");
        for (int i = 0; i < one.Layers.Length; i++)
            GemmReference.AssertBitIdentical(one.Layers[i], two.Layers[i], $"layer {i} outputs");
        GemmReference.AssertBitIdentical(one.Gradients, two.Gradients, "parameter gradients");
        GemmReference.AssertBitIdentical(one.InputGrads, two.InputGrads, "input gradients");
        if (batch >= 7)
            Assert.True(KernelWorker.PartsRun > partsBefore, "The worker took no part in the two-thread step.");
    }

    [Theory]
    [InlineData(KernelPath.Avx512)]
    [InlineData(KernelPath.Avx2)]
    [InlineData(KernelPath.Portable)]
    public void A_training_step_of_a_ragged_classifier_is_bit_identical_on_two_threads(KernelPath path)
    {
        const int batch = 23;
        float[] inputs = GemmReference.Random(batch * 33, 32);
        var one = Step(new KernelTestClassifier(seed: 6), inputs, batch, path, 1);
        var two = Step(new KernelTestClassifier(seed: 6), inputs, batch, path, 2);
        GemmReference.AssertBitIdentical(one.Outputs, two.Outputs, "outputs");
        GemmReference.AssertBitIdentical(one.Gradients, two.Gradients, "parameter gradients");
        GemmReference.AssertBitIdentical(one.InputGrads, two.InputGrads, "input gradients");
    }

    [Fact]
    public void Parts_claimed_by_whichever_thread_is_free_give_the_same_bits()
    {
        // Without the test hook, the caller claims both parts whenever the worker is late: still the same bits.
        float[] inputs = GemmReference.Random(50 * 784, 34);
        var one = Step(new KernelTestAutoencoder(seed: 7), inputs, 50, KernelPath.Avx512, 1);
        for (int run = 0; run < 20; run++)
        {
            var two = Step(new KernelTestAutoencoder(seed: 7), inputs, 50, KernelPath.Avx512, 2, leavePartToWorker: false);
            GemmReference.AssertBitIdentical(one.Outputs, two.Outputs, $"run {run} outputs");
            GemmReference.AssertBitIdentical(one.Gradients, two.Gradients, $"run {run} parameter gradients");
        }
    }

    [Fact]
    public void The_thread_count_is_1_or_2()
    {
        Assert.Equal(1, KernelThreads.Count);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = 0).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = 3);
        try
        {
            KernelThreads.Count = 2;
            Assert.Equal(2, KernelThreads.Count);
        }
        finally
        {
            KernelThreads.Count = 1;
        }
    }

    private static float[][] Products(KernelPath path, int threads, float[] a, float[] b, float[] bias, float[] at, float[] bn, int m, int n, int k)
    {
        float[] c1 = new float[m * n], c2 = new float[m * n], c3 = new float[m * n];
        using (new KernelScope(path, threads))
        {
            AffineKernel.Forward(a, b, bias, c1, m, k, n);
            Gemm.Multiply(a, k, 1, bn, c2, m, n, k);
            Gemm.Multiply(at, 1, m, bn, c3, m, n, k);
        }
        return [c1, c2, c3];
    }

    private static int CanShare(GemmForm form, int m, int n, int k, int aColStride)
    {
        var job = new GemmJob { Form = form, M = m, N = n, K = k, AColStride = aColStride };
        return job.PlanSplit() ? 1 : 0;
    }

    // Forward, an arbitrary fixed gradient, and Backward with input gradients, as one thread count sees it.
    private static (float[] Outputs, float[][] Layers, float[] Gradients, float[] InputGrads) Step(IModel model, float[] inputs, int batch, KernelPath path, int threads, bool leavePartToWorker = true)
    {
        using (new KernelScope(path, threads, leavePartToWorker))
        {
            float[] outputs = model.Forward(inputs, batch, training: true).ToArray();
            float[][] layers = Enumerable.Range(0, model.Layers.Count).Select(i => model.LayerOutput(i).ToArray()).ToArray();
            float[] grads = GemmReference.Random(batch * model.OutputDim, 33);
            float[] inputGrads = new float[batch * model.InputDim];
            model.Backward(grads, inputGrads);
            return (outputs, layers, model.AllGradients.ToArray(), inputGrads);
        }
    }
}
