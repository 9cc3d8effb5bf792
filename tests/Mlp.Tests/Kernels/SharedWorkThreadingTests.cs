using System.Diagnostics;
using Mlp.Data;
using Mlp.Errors;
using Mlp.Kernels;
using Mlp.LearningRules;
using Mlp.Threading;
using Mlp.Training;

namespace Mlp.Tests.Kernels;

/// <summary>
/// Everything besides the products that the kernel threads share (activations, errors, column sums, batch gathering,
/// learning-rule updates, the finiteness check, whole epochs) gives the same bits on 2, 3 and 7 threads as on one,
/// and workers really take part. <see cref="KernelScope"/> makes the caller leave the workers' parts to them.
/// </summary>
[Collection(KernelWorkerCollection.Name)]
public class SharedWorkThreadingTests
{
    // Long enough to share, with tails that are not whole vectors; 39,200 is a batch of 50 MNIST images; 300,001 is
    // cut into as many parts as a job holds.
    public static TheoryData<int> Lengths => [8192 + 13, 20001, 39200, 300_001];

    private static int[] Counts => GemmThreadingTests.Counts;

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ActivationKernelsGiveTheBitsOfOneThread(int length)
    {
        float[] x = GemmReference.Random(length, 41), y = GemmReference.Random(length, 42), g = GemmReference.Random(length, 43);
        float[][] one = Activations(1, x, y, g);
        foreach (int threads in Counts)
        {
            long partsBefore = KernelWorker.PartsRunForCurrentThread;
            float[][] many = Activations(threads, x, y, g);
            for (int i = 0; i < one.Length; i++)
                GemmReference.AssertBitIdentical(one[i], many[i], $"activation kernel {i}, length {length}, {threads} threads");
            Assert.True(KernelWorker.PartsRunForCurrentThread - partsBefore >= one.Length, $"Workers did not take part in every kernel on {threads} threads.");
        }
    }

    [Theory]
    [InlineData(50, 784)]
    [InlineData(7, 1000)]
    [InlineData(300, 33)]
    [InlineData(256, 1024)]
    public void ColumnSumsGiveTheBitsOfOneThread(int rows, int width)
    {
        float[] matrix = GemmReference.Random(rows * width, 44);
        float[] one = new float[width];
        using (new KernelScope(KernelPath.Avx2, 1))
            AffineKernel.SumRows(matrix, one, width);
        foreach (int threads in Counts)
        {
            float[] many = new float[width];
            using (new KernelScope(KernelPath.Avx2, threads))
                AffineKernel.SumRows(matrix, many, width);
            GemmReference.AssertBitIdentical(one, many, $"column sums of {rows}×{width} on {threads} threads");
        }
        for (int j = 0; j < width; j++)
        {
            float expected = 0f;
            for (int r = 0; r < rows; r++)
                expected += matrix[r * width + j];
            Assert.Equal(expected, one[j]);
        }
    }

    public static TheoryData<string> ElementwiseErrors => ["ssd", "bce", "bce-sigmoid", "ce"];

    [Theory]
    [MemberData(nameof(ElementwiseErrors))]
    public void ElementwiseErrorGradientsGiveTheBitsOfOneThread(string name)
    {
        IError error = name switch
        {
            "ssd" => new SumOfSquaredDiffsError(),
            "bce" => new BinaryCrossEntropyError(),
            "bce-sigmoid" => new BinaryCrossEntropySigmoidError(),
            _ => new CrossEntropyError(),
        };
        const int batch = 100, width = 283;
        float[] outputs = TestData.Uniform(batch * width, 0.01, 0.99, 45), targets = TestData.Uniform(batch * width, 0, 1, 46);
        float[] one = new float[outputs.Length];
        using (new KernelScope(KernelPath.Avx2, 1))
            error.Gradient(outputs, targets, one, batch);
        double oneError = error.Sum(outputs, targets, batch);
        foreach (int threads in Counts)
        {
            float[] many = new float[outputs.Length];
            long partsBefore = KernelWorker.PartsRunForCurrentThread;
            double manyError;
            using (new KernelScope(KernelPath.Avx2, threads))
            {
                error.Gradient(outputs, targets, many, batch);
                manyError = error.Sum(outputs, targets, batch);
            }
            GemmReference.AssertBitIdentical(one, many, $"{name} gradient on {threads} threads");
            Assert.Equal(BitConverter.DoubleToInt64Bits(oneError), BitConverter.DoubleToInt64Bits(manyError));
            Assert.True(KernelWorker.PartsRunForCurrentThread > partsBefore, $"No worker took part in the gradient on {threads} threads.");
        }
    }

    public static TheoryData<string, bool> Rules => new()
    {
        { "sgd", false }, { "momentum", false }, { "nesterov", false }, { "adagrad", false }, { "rmsprop", false }, { "adam", false },
        { "adam", true }, { "sgd", true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void LearningRuleUpdatesGiveTheBitsOfOneThread(string name, bool freezeOne)
    {
        float[] one = Updates(name, freezeOne, 1, out float[][] stateOne);
        foreach (int threads in Counts)
        {
            long partsBefore = KernelWorker.PartsRunForCurrentThread;
            float[] many = Updates(name, freezeOne, threads, out float[][] stateMany);
            GemmReference.AssertBitIdentical(one, many, $"{name} parameters on {threads} threads");
            for (int i = 0; i < stateOne.Length; i++)
                GemmReference.AssertBitIdentical(stateOne[i], stateMany[i], $"{name} state buffer {i} on {threads} threads");
            Assert.True(KernelWorker.PartsRunForCurrentThread > partsBefore, $"No worker took part in the updates on {threads} threads.");
        }
    }

    [Fact]
    public void TheParameterSplitCutsAtMultiplesOf64CoversEveryParameterOnceAndFollowsTheRows()
    {
        var model = new KernelTestAutoencoder(seed: 1);
        int length = model.AllValues.Length;
        var split = new ParameterSplit(model.Parameters, length);
        Assert.Equal(ElementwisePartition.PartsOf(length), split.Parts);
        var owner = new int[length];
        Array.Fill(owner, -1);
        for (int part = 0; part < split.Parts; part++)
        {
            for (int i = 0; i < split.Count(part); i++)
            {
                Assert.True(split.Start(part, i) % 64 == 0, $"Part {part} range {i} starts at {split.Start(part, i)}.");
                for (int p = split.Start(part, i); p < split.Start(part, i) + split.Length(part, i); p++)
                {
                    Assert.Equal(-1, owner[p]);
                    owner[p] = part;
                }
            }
        }
        Assert.DoesNotContain(-1, owner);
        // layer2.weights (784, 50) starts at 39,250: its first rows go to part 0, its last to the last part, as its
        // weight-gradient product's first and last row blocks; so do layer0.weights' (50, 784).
        Assert.Equal(0, owner[39250 + 64]);
        Assert.Equal(split.Parts - 1, owner[39250 + 783 * 50]);
        Assert.Equal(0, owner[0]);
        Assert.Equal(split.Parts - 1, owner[49 * 784 + 100]);
        Assert.Equal(split.Parts / 2, owner[25 * 784 + 100]);
    }

    [Fact]
    public void GatheredBatchesAreTheSameOnEveryThreadCount()
    {
        float[] inputs = TestData.Uniform(400 * 784, 0, 1, 47);
        List<float[]> one = Batches(1, inputs);
        foreach (int threads in Counts)
        {
            List<float[]> many = Batches(threads, inputs);
            Assert.Equal(one.Count, many.Count);
            for (int i = 0; i < one.Count; i++)
                GemmReference.AssertBitIdentical(one[i], many[i], $"batch {i} on {threads} threads");
        }
    }

    [Theory]
    [InlineData("autoencoder")]
    [InlineData("classifier")]
    public void ATrainingRunWithAdamIsBitIdenticalOnEveryThreadCount(string which)
    {
        (float[] one, float[] oneState) = Epochs(which, 1);
        foreach (int threads in Counts)
        {
            long partsBefore = KernelWorker.PartsRunForCurrentThread;
            (float[] many, float[] manyState) = Epochs(which, threads);
            GemmReference.AssertBitIdentical(one, many, $"{which} parameters after two epochs on {threads} threads");
            GemmReference.AssertBitIdentical(oneState, manyState, $"{which} Adam moments after two epochs on {threads} threads");
            Assert.True(KernelWorker.PartsRunForCurrentThread > partsBefore, $"No worker took part in the epochs on {threads} threads.");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void AnEpochAllocatesNothingOnceWarm(int threads)
    {
        var model = new KernelTestAutoencoder(seed: 9);
        var data = new InMemoryDataProvider(TestData.Uniform(200 * 784, 0, 1, 48), TestData.Uniform(200 * 784, 0, 1, 48), 784, 784, batchSize: 50, seed: 4);
        var optimiser = new Optimiser(model, new SumOfSquaredDiffsError(), new AdamLearningRule(), data);
        using (new KernelScope(KernelPath.Avx2, threads))
            Allocations.AssertNone(optimiser.DoTrainingEpoch);
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 7)]
    public void TwoModelsTrainedAtOnceOnTwoThreadsGiveTheBitsOfTrainingThemOneAfterTheOther(int threadsA, int threadsB)
    {
        (float[] Values, float[] Moments) alone1 = Epochs("autoencoder", 1), alone2 = Epochs("classifier", 1);
        (float[] Values, float[] Moments) together1 = default, together2 = default;
        using var start = new Barrier(2);
        // Each trainer sets its own count: the public per-thread setting where this machine allows it, else the
        // tests' override (which also lets the workers' parts go to them).
        Thread Trainer(string which, int threads, Action<(float[], float[])> done) => new(() =>
        {
            start.SignalAndWait();
            done(Epochs(which, threads, publicCount: threads <= KernelThreads.Max));
        });
        Thread a = Trainer("autoencoder", threadsA, r => together1 = r), b = Trainer("classifier", threadsB, r => together2 = r);
        a.Start();
        b.Start();
        a.Join();
        b.Join();
        GemmReference.AssertBitIdentical(alone1.Values, together1.Values, $"autoencoder on {threadsA} threads beside a classifier");
        GemmReference.AssertBitIdentical(alone1.Moments, together1.Moments, "autoencoder moments");
        GemmReference.AssertBitIdentical(alone2.Values, together2.Values, $"classifier on {threadsB} threads beside an autoencoder");
        GemmReference.AssertBitIdentical(alone2.Moments, together2.Moments, "classifier moments");
    }

    [Fact]
    public void AWorkerThatKeepsTheCallerWaitingPausesSharing()
    {
        long backoffs = KernelWorker.Backoffs;
        KernelThreads.OverrideForCurrentThread(2, 0);
        try
        {
            var job = new LateWorkerJob();
            KernelWorker.RunShared(ref job, 2);
            Assert.Equal(2, LateWorkerJob.PartsRun);
            Assert.True(KernelWorker.Backoffs > backoffs, "Waiting 20 ms for the worker did not pause sharing.");
            Assert.False(KernelWorker.ShouldShare(long.MaxValue), "Sharing was not paused.");
        }
        finally
        {
            KernelThreads.OverrideForCurrentThread(0, 0);
        }
    }

    private static float[][] Activations(int threads, float[] x, float[] y, float[] g)
    {
        int n = x.Length;
        float[][] results = Enumerable.Range(0, 10).Select(_ => new float[n]).ToArray();
        using (new KernelScope(KernelPath.Avx2, threads))
        {
            ReluKernel.Forward(x, results[0]);
            ReluKernel.Backward(y, g, results[1]);
            SigmoidKernel.Forward(x, results[2]);
            SigmoidKernel.Backward(y, g, results[3]);
            TanhKernel.Forward(x, results[4]);
            TanhKernel.Backward(y, g, results[5]);
            LeakyReluKernel.Forward(x, results[6], 0.1f);
            LeakyReluKernel.Backward(x, g, results[7], 0.1f);
            EluKernel.Forward(x, results[8], 0.7f);
            EluKernel.Backward(x, y, g, results[9], 0.7f);
        }
        return results;
    }

    private static float[] Updates(string name, bool freezeOne, int threads, out float[][] state)
    {
        LearningRule rule = name switch
        {
            "sgd" => new GradientDescentLearningRule(0.01),
            "momentum" => new MomentumLearningRule(0.01, 0.9),
            "nesterov" => new NesterovMomentumLearningRule(0.01, 0.9),
            "adagrad" => new AdaGradLearningRule(0.01),
            "rmsprop" => new RMSPropLearningRule(0.001),
            _ => new AdamLearningRule(0.001),
        };
        var model = new KernelTestAutoencoder(seed: 11);
        model.Layer2Weights.IsFrozen = freezeOne;
        rule.Initialise(model);
        using (new KernelScope(KernelPath.Avx2, threads))
        {
            for (int step = 0; step < 3; step++)
            {
                TestData.Uniform(model.AllGradients.Length, -1, 1, 50 + step).CopyTo(model.AllGradients);
                rule.UpdateParameters();
            }
        }
        state = rule.SaveState().Buffers.Select(b => b.ToArray()).ToArray();
        return model.AllValues.ToArray();
    }

    private static List<float[]> Batches(int threads, float[] inputs)
    {
        var provider = new InMemoryDataProvider(inputs, inputs, 784, 784, batchSize: 50, seed: 5);
        var batches = new List<float[]>();
        using (new KernelScope(KernelPath.Avx2, threads))
        {
            foreach (DataBatch batch in provider)
                batches.Add(batch.Inputs.ToArray());
        }
        return batches;
    }

    // Two epochs of 8 batches of 50 through the Optimiser, as the notebook trains.
    private static (float[] Values, float[] Moments) Epochs(string which, int threads, bool publicCount = false)
    {
        IModel model;
        DataProvider data;
        IError error;
        float[] images = TestData.Uniform(400 * 784, 0, 1, 51);
        if (which == "autoencoder")
        {
            model = new KernelTestAutoencoder(seed: 12);
            data = new InMemoryDataProvider(images, images, 784, 784, batchSize: 50, seed: 6);
            error = new SumOfSquaredDiffsError();
        }
        else
        {
            model = new SharedWorkClassifier(seed: 13);
            data = new InMemoryDataProvider(images, TestData.OneHot(400, 10, 52), 784, 10, batchSize: 50, seed: 7);
            error = new CrossEntropySoftmaxError();
        }
        var rule = new AdamLearningRule();
        var optimiser = new Optimiser(model, error, rule, data);
        // The scope's dispose also clears the public per-thread count.
        using (new KernelScope(KernelPath.Avx2, publicCount ? 0 : threads))
        {
            if (publicCount)
                KernelThreads.CountForCurrentThread = threads;
            optimiser.DoTrainingEpoch();
            optimiser.DoTrainingEpoch();
        }
        return (model.AllValues.ToArray(), rule.SaveState().Buffers.SelectMany(b => b.ToArray()).ToArray());
    }

    // Part 0 (the caller's block on two threads) waits until the worker has started part 1, then says how long that
    // took; part 1 then waits 20 ms plus twice that, so the caller is sure to wait far longer than it worked (even when
    // a busy machine was slow to wake the worker).
    private struct LateWorkerJob : ISharedJob
    {
        private static int s_started;
        private static long s_partZeroMilliseconds;

        public static int PartsRun;

        public readonly int Parts => 2;

        public LateWorkerJob()
        {
            s_started = 0;
            s_partZeroMilliseconds = -1;
            PartsRun = 0;
        }

        public readonly void Run(int part, object? target)
        {
            var clock = Stopwatch.StartNew();
            if (part == 1)
            {
                Volatile.Write(ref s_started, 1);
                while (Volatile.Read(ref s_partZeroMilliseconds) < 0 && clock.ElapsedMilliseconds < 5000)
                    Thread.SpinWait(10);
                Thread.Sleep(20 + 2 * (int)Math.Max(Volatile.Read(ref s_partZeroMilliseconds), 0));
            }
            else
            {
                while (Volatile.Read(ref s_started) == 0 && clock.ElapsedMilliseconds < 5000)
                    Thread.SpinWait(10);
                Volatile.Write(ref s_partZeroMilliseconds, clock.ElapsedMilliseconds);
            }
            Interlocked.Increment(ref PartsRun);
        }
    }
}

/// <summary>The notebook's ex4 classifier, 784-50-100-10 with ReLU.</summary>
[Affine(784, 50)] [Relu] [Affine(50, 100)] [Relu] [Affine(100, 10)]
public partial class SharedWorkClassifier;
