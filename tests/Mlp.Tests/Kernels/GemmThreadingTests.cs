using Mlp.Kernels;
using Mlp.Kernels.Products;
using Mlp.Threading;

namespace Mlp.Tests.Kernels;

/// <summary>
/// Every thread count gives the bits of one, for every product path and for whole models: 2, 3 and 7 threads (odd
/// counts leave uneven blocks of parts, 7 more threads than this machine may have cores).
/// </summary>
[Collection(KernelWorkerCollection.Name)]
public class GemmThreadingTests
{
    public static TheoryData<KernelPath, int, int, int> Shapes => GemmShapes.WithPaths();

    /// <summary>The thread counts compared with one.</summary>
    internal static readonly int[] Counts = [2, 3, 7];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryThreadCountGivesTheBitsOfOne(KernelPath path, int m, int n, int k)
    {
        float[] a = GemmReference.Random(m * k, 21), b = GemmReference.Random(n * k, 22), bias = GemmReference.Random(n, 23);
        float[] at = GemmReference.Random(k * m, 24), bn = GemmReference.Random(k * n, 25);
        float[][] one = Products(path, 1, a, b, bias, at, bn, m, n, k);
        string[] names = ["A·Bᵀ + bias", "A·B", "Aᵀ·B"];
        foreach (int threads in Counts)
        {
            long partsBefore = KernelWorker.PartsRunForCurrentThread;
            float[][] many = Products(path, threads, a, b, bias, at, bn, m, n, k);
            for (int i = 0; i < one.Length; i++)
                GemmReference.AssertBitIdentical(one[i], many[i], $"{path} {names[i]} {m}×{n}×{k} on {threads} threads");
            if (AnyCut(path, threads, m, n, k))
                Assert.True(KernelWorker.PartsRunForCurrentThread > partsBefore, $"No worker took part in {m}×{n}×{k} on {threads} threads.");
        }
    }

    [Theory]
    [InlineData(KernelPath.Avx512, 300, 70, 100)]
    [InlineData(KernelPath.Avx2, 300, 70, 100)]
    [InlineData(KernelPath.Portable, 300, 70, 100)]
    [InlineData(KernelPath.Avx512, 1000, 784, 50)]
    [InlineData(KernelPath.Avx2, 1000, 784, 50)]
    public void LargeBatchesWithAShortKTransposeOnceAndGiveTheBitsOfOne(KernelPath path, int m, int n, int k)
    {
        // A·Bᵀ with k ≤ 128 at a large batch (the decoder's forward product in an evaluation pass) transposes B once,
        // then cuts rows and columns.
        var job = new GemmJob { Form = Gemm.FormOfMultiplyTransposed(m, k), Path = KernelScope.Effective(path), M = m, N = n, K = k, AColStride = 1 };
        Assert.Equal(GemmForm.TransposeThenBroadcast, job.Form);
        Assert.True(job.Plan());
        Assert.True(job.PreTransposed);
        Assert.True(job.RowBlocks > 1, "The rows were not cut.");
        EveryThreadCountGivesTheBitsOfOne(path, m, n, k);
    }

    [Theory]
    [InlineData(KernelPath.Avx512)]
    [InlineData(KernelPath.Avx2)]
    [InlineData(KernelPath.Portable)]
    public void TheWideModelsProductsAreCutIntoAsManyPartsAsAJobHoldsAndGiveTheBitsOfOne(KernelPath path)
    {
        // 784-1024-1024-10 at batch 256: the forward product of its first layer and the weight gradient of its second.
        const int m = 256, n = 1024, k = 784;
        float[] x = GemmReference.Random(m * k, 61), w = GemmReference.Random(n * k, 62), bias = GemmReference.Random(n, 63);
        float[] dy = GemmReference.Random(m * n, 64), h = GemmReference.Random(m * n, 65);
        var forward = new GemmJob { Form = Gemm.FormOfMultiplyTransposed(m, k), Path = KernelScope.Effective(path), M = m, N = n, K = k, AColStride = 1 };
        var weightGradient = new GemmJob { Form = GemmForm.Broadcast, Path = KernelScope.Effective(path), M = n, N = n, K = m, AColStride = n };
        Assert.True(forward.Plan());
        Assert.True(weightGradient.Plan());
        Assert.Equal(KernelWorker.MaxParts, forward.Parts);
        Assert.Equal(KernelWorker.MaxParts, weightGradient.Parts);
        (float[] Y, float[] DW) Run(int threads)
        {
            float[] y = new float[m * n], dw = new float[n * n];
            using (new KernelScope(path, threads, leavePartToWorker: false))
            {
                // The default part size, as a real step cuts them.
                KernelThreads.OverrideForCurrentThread(threads, 0);
                AffineKernel.Forward(x, w, bias, y, m, k, n);
                Gemm.Multiply(dy, 1, n, h, dw, n, n, m);
            }
            return (y, dw);
        }
        (float[] oneY, float[] oneDw) = Run(1);
        foreach (int threads in Counts)
        {
            (float[] y, float[] dw) = Run(threads);
            GemmReference.AssertBitIdentical(oneY, y, $"{path} forward on {threads} threads");
            GemmReference.AssertBitIdentical(oneDw, dw, $"{path} weight gradient on {threads} threads");
        }
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
    public void ATrainingStepOfTheAutoencoderIsBitIdenticalOnEveryThreadCount(KernelPath path, int batch)
    {
        float[] inputs = GemmReference.Random(batch * 784, 31);
        var one = Step(new KernelTestAutoencoder(seed: 5), inputs, batch, path, 1);
        foreach (int threads in Counts)
        {
            long partsBefore = KernelWorker.PartsRunForCurrentThread;
            var many = Step(new KernelTestAutoencoder(seed: 5), inputs, batch, path, threads);
            GemmReference.AssertBitIdentical(one.Outputs, many.Outputs, $"outputs on {threads} threads");
            for (int i = 0; i < one.Layers.Length; i++)
                GemmReference.AssertBitIdentical(one.Layers[i], many.Layers[i], $"layer {i} outputs on {threads} threads");
            GemmReference.AssertBitIdentical(one.Gradients, many.Gradients, $"parameter gradients on {threads} threads");
            GemmReference.AssertBitIdentical(one.InputGrads, many.InputGrads, $"input gradients on {threads} threads");
            if (batch >= 7)
                Assert.True(KernelWorker.PartsRunForCurrentThread > partsBefore, $"No worker took part in the step on {threads} threads.");
        }
    }

    [Theory]
    [InlineData(KernelPath.Avx512)]
    [InlineData(KernelPath.Avx2)]
    [InlineData(KernelPath.Portable)]
    public void ATrainingStepOfARaggedClassifierIsBitIdenticalOnEveryThreadCount(KernelPath path)
    {
        const int batch = 23;
        float[] inputs = GemmReference.Random(batch * 33, 32);
        var one = Step(new KernelTestClassifier(seed: 6), inputs, batch, path, 1);
        foreach (int threads in Counts)
        {
            var many = Step(new KernelTestClassifier(seed: 6), inputs, batch, path, threads);
            GemmReference.AssertBitIdentical(one.Outputs, many.Outputs, $"outputs on {threads} threads");
            GemmReference.AssertBitIdentical(one.Gradients, many.Gradients, $"parameter gradients on {threads} threads");
            GemmReference.AssertBitIdentical(one.InputGrads, many.InputGrads, $"input gradients on {threads} threads");
        }
    }

    [Fact]
    public void PartsClaimedByWhicheverThreadIsFreeGiveTheSameBits()
    {
        // Without the test hook, the caller takes over workers' parts whenever they are late: still the same bits.
        float[] inputs = GemmReference.Random(50 * 784, 34);
        var one = Step(new KernelTestAutoencoder(seed: 7), inputs, 50, KernelPath.Avx512, 1);
        for (int run = 0; run < 12; run++)
        {
            int threads = Counts[run % Counts.Length];
            var many = Step(new KernelTestAutoencoder(seed: 7), inputs, 50, KernelPath.Avx512, threads, leavePartToWorker: false);
            GemmReference.AssertBitIdentical(one.Outputs, many.Outputs, $"run {run} ({threads} threads) outputs");
            GemmReference.AssertBitIdentical(one.Gradients, many.Gradients, $"run {run} ({threads} threads) parameter gradients");
        }
    }

    [Fact]
    public void TheThreadCountRunsFrom1ToTheProcessorsAndDefaultsToThePhysicalCores()
    {
        Assert.Equal(Environment.ProcessorCount, KernelThreads.Max);
        Assert.InRange(KernelThreads.DefaultCount, 1, KernelThreads.Max);
        Assert.Equal(KernelThreads.DefaultCount, KernelThreads.Count);
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = 0).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = KernelThreads.Max + 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.CountForCurrentThread = -1);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.CountForCurrentThread = KernelThreads.Max + 1);
        int previous = KernelThreads.Count;
        try
        {
            KernelThreads.Count = 1;
            Assert.Equal(1, KernelThreads.Count);
            KernelThreads.Count = KernelThreads.Max;
            Assert.Equal(KernelThreads.Max, KernelThreads.Count);
        }
        finally
        {
            KernelThreads.Count = previous;
        }
    }

    [Fact]
    public void CpuListsParseAsTheKernelWritesThem()
    {
        Assert.Equal([0, 1, 2, 3, 8, 10, 11], PhysicalCores.ParseList("0-3,8,10-11"));
        Assert.Equal([5], PhysicalCores.ParseList(" 5 "));
    }

    // Whether any of the three products is cut into parts under the test's part size on this thread count.
    private static bool AnyCut(KernelPath path, int threads, int m, int n, int k)
    {
        GemmPath kernels = KernelScope.Effective(path);
        using (new KernelScope(path, threads))
        {
            return Cut(Gemm.FormOfMultiplyTransposed(m, k), kernels, m, n, k, 1)
                || Cut(Gemm.FormOfMultiply(m, n, k, 1, kernels), kernels, m, n, k, 1)
                || Cut(Gemm.FormOfMultiply(m, n, k, m, kernels), kernels, m, n, k, m);
        }
    }

    private static bool Cut(GemmForm form, GemmPath kernels, int m, int n, int k, int aColStride)
    {
        var job = new GemmJob { Form = form, Path = kernels, M = m, N = n, K = k, AColStride = aColStride };
        return job.Plan();
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

    // Forward, an arbitrary fixed gradient, and Backward with input gradients, as one thread count sees it.
    internal static (float[] Outputs, float[][] Layers, float[] Gradients, float[] InputGrads) Step(IModel model, float[] inputs, int batch, KernelPath path, int threads, bool leavePartToWorker = true)
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
