using System.Diagnostics;
using Mlp.Data;
using Mlp.Errors;
using Mlp.Kernels;
using Mlp.LearningRules;
using Mlp.Training;

namespace Mlp.Tests.Kernels;

/// <summary>
/// Everything besides the products that two threads now share (activations, errors, column sums, batch gathering,
/// learning-rule updates, the finiteness check, whole epochs) gives the same bits as one thread, and the worker really
/// takes part. <see cref="KernelScope"/> makes the caller leave the worker's parts to it.
/// </summary>
[Collection(KernelWorkerCollection.Name)]
public class SharedWorkThreadingTests
{
    // Long enough to share, with tails that are not whole vectors; 39,200 is a batch of 50 MNIST images.
    public static TheoryData<int> Lengths => [2048 + 13, 5001, 39200];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Activation_kernels_give_the_bits_of_one_thread(int length)
    {
        float[] x = GemmReference.Random(length, 41), y = GemmReference.Random(length, 42), g = GemmReference.Random(length, 43);
        float[][] one = Activations(1, x, y, g);
        long partsBefore = KernelWorker.PartsRun;
        float[][] two = Activations(2, x, y, g);
        for (int i = 0; i < one.Length; i++)
            GemmReference.AssertBitIdentical(one[i], two[i], $"activation kernel {i}, length {length}");
        Assert.True(KernelWorker.PartsRun - partsBefore >= one.Length, "The worker did not take part in every kernel.");
    }

    [Theory]
    [InlineData(50, 784)]
    [InlineData(7, 1000)]
    [InlineData(300, 33)]
    public void Column_sums_give_the_bits_of_one_thread(int rows, int width)
    {
        float[] matrix = GemmReference.Random(rows * width, 44);
        float[] one = new float[width], two = new float[width];
        using (new KernelScope(KernelPath.Avx2, 1))
            AffineKernel.SumRows(matrix, one, width);
        using (new KernelScope(KernelPath.Avx2, 2))
            AffineKernel.SumRows(matrix, two, width);
        GemmReference.AssertBitIdentical(one, two, $"column sums of {rows}×{width}");
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
    public void Elementwise_error_gradients_give_the_bits_of_one_thread(string name)
    {
        IError error = name switch
        {
            "ssd" => new SumOfSquaredDiffsError(),
            "bce" => new BinaryCrossEntropyError(),
            "bce-sigmoid" => new BinaryCrossEntropySigmoidError(),
            _ => new CrossEntropyError(),
        };
        const int batch = 50, width = 83;
        float[] outputs = TestData.Uniform(batch * width, 0.01, 0.99, 45), targets = TestData.Uniform(batch * width, 0, 1, 46);
        float[] one = new float[outputs.Length], two = new float[outputs.Length];
        using (new KernelScope(KernelPath.Avx2, 1))
            error.Gradient(outputs, targets, one, batch);
        long partsBefore = KernelWorker.PartsRun;
        using (new KernelScope(KernelPath.Avx2, 2))
            error.Gradient(outputs, targets, two, batch);
        GemmReference.AssertBitIdentical(one, two, $"{name} gradient");
        Assert.True(KernelWorker.PartsRun > partsBefore, "The worker took no part in the gradient.");
    }

    public static TheoryData<string, bool> Rules => new()
    {
        { "sgd", false }, { "momentum", false }, { "nesterov", false }, { "adagrad", false }, { "rmsprop", false }, { "adam", false },
        { "adam", true }, { "sgd", true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Learning_rule_updates_give_the_bits_of_one_thread(string name, bool freezeOne)
    {
        float[] one = Updates(name, freezeOne, 1, out float[][] stateOne);
        long partsBefore = KernelWorker.PartsRun;
        float[] two = Updates(name, freezeOne, 2, out float[][] stateTwo);
        GemmReference.AssertBitIdentical(one, two, $"{name} parameters");
        for (int i = 0; i < stateOne.Length; i++)
            GemmReference.AssertBitIdentical(stateOne[i], stateTwo[i], $"{name} state buffer {i}");
        Assert.True(KernelWorker.PartsRun > partsBefore, "The worker took no part in the updates.");
    }

    [Fact]
    public void The_parameter_split_gives_each_weight_matrix_whole_rows_and_covers_every_parameter_once()
    {
        var model = new KernelTestAutoencoder(seed: 1);
        var split = new ParameterSplit(model.Parameters);
        var owner = new int[model.AllValues.Length];
        Array.Fill(owner, -1);
        for (int t = 0; t < 2; t++)
        {
            for (int i = 0; i < split.Count(t); i++)
            {
                for (int p = split.Start(t, i); p < split.Start(t, i) + split.Length(t, i); p++)
                {
                    Assert.Equal(-1, owner[p]);
                    owner[p] = t;
                }
            }
        }
        Assert.DoesNotContain(-1, owner);
        // layer0.weights (50, 784): rows 0..24 to the caller, as its weight-gradient product splits them.
        Assert.Equal(0, owner[24 * 784 + 783]);
        Assert.Equal(1, owner[25 * 784]);
        // layer2.weights (784, 50) starts at 39,250: rows from 400 on to the worker; its 784 biases split at 400 too.
        Assert.Equal(0, owner[39250 + 399 * 50 + 49]);
        Assert.Equal(1, owner[39250 + 400 * 50]);
        Assert.Equal(0, owner[78450 + 399]);
        Assert.Equal(1, owner[78450 + 400]);
    }

    [Fact]
    public void Gathered_batches_are_the_same_on_two_threads()
    {
        float[] inputs = TestData.Uniform(400 * 784, 0, 1, 47);
        List<float[]> one = Batches(1, inputs), two = Batches(2, inputs);
        Assert.Equal(one.Count, two.Count);
        for (int i = 0; i < one.Count; i++)
            GemmReference.AssertBitIdentical(one[i], two[i], $"batch {i}");
    }

    [Theory]
    [InlineData("autoencoder")]
    [InlineData("classifier")]
    public void A_training_epoch_with_adam_is_bit_identical_on_two_threads(string which)
    {
        (float[] one, float[] oneState) = Epochs(which, 1);
        long partsBefore = KernelWorker.PartsRun;
        (float[] two, float[] twoState) = Epochs(which, 2);
        GemmReference.AssertBitIdentical(one, two, $"{which} parameters after two epochs");
        GemmReference.AssertBitIdentical(oneState, twoState, $"{which} Adam moments after two epochs");
        Assert.True(KernelWorker.PartsRun > partsBefore, "The worker took no part in the epochs.");
    }

    [Fact]
    public void An_epoch_on_two_threads_allocates_nothing_once_warm()
    {
        var model = new KernelTestAutoencoder(seed: 9);
        var data = new InMemoryDataProvider(TestData.Uniform(200 * 784, 0, 1, 48), TestData.Uniform(200 * 784, 0, 1, 48), 784, 784, batchSize: 50, seed: 4);
        var optimiser = new Optimiser(model, new SumOfSquaredDiffsError(), new AdamLearningRule(), data);
        using (new KernelScope(KernelPath.Avx2, 2))
            Allocations.AssertNone(optimiser.DoTrainingEpoch);
    }

    [Fact]
    public void A_worker_that_keeps_the_caller_waiting_pauses_sharing()
    {
        long backoffs = KernelWorker.Backoffs;
        int previous = KernelThreads.Count;
        KernelThreads.Count = 2;
        try
        {
            var job = new LateWorkerJob();
            KernelWorker.RunShared(ref job);
            Assert.Equal(2, LateWorkerJob.PartsRun);
            Assert.True(KernelWorker.Backoffs > backoffs, "Waiting 20 ms for the worker did not pause sharing.");
            Assert.False(KernelWorker.ShouldShare(long.MaxValue), "Sharing was not paused.");
        }
        finally
        {
            KernelThreads.Count = previous;
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
    private static (float[] Values, float[] Moments) Epochs(string which, int threads)
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
        using (new KernelScope(KernelPath.Avx2, threads))
        {
            optimiser.DoTrainingEpoch();
            optimiser.DoTrainingEpoch();
        }
        return (model.AllValues.ToArray(), rule.SaveState().Buffers.SelectMany(b => b.ToArray()).ToArray());
    }

    // Part 1 (the worker's) waits 20 ms once it has started; part 0 (the caller's) waits until it has, so the caller
    // is sure to finish first and wait far longer than it worked.
    private struct LateWorkerJob : ISharedJob
    {
        private static int s_started;

        public static int PartsRun;

        public readonly int Parts => 2;

        public readonly uint WorkerParts => 0b10;

        public LateWorkerJob()
        {
            s_started = 0;
            PartsRun = 0;
        }

        public readonly void Run(int part, object? target)
        {
            if (part == 1)
            {
                Volatile.Write(ref s_started, 1);
                Thread.Sleep(20);
            }
            else
            {
                var clock = Stopwatch.StartNew();
                while (Volatile.Read(ref s_started) == 0 && clock.ElapsedMilliseconds < 5000)
                    Thread.SpinWait(10);
            }
            Interlocked.Increment(ref PartsRun);
        }
    }
}

/// <summary>The notebook's ex4 classifier, 784-50-100-10 with ReLU.</summary>
[Affine(784, 50)] [Relu] [Affine(50, 100)] [Relu] [Affine(100, 10)]
public partial class SharedWorkClassifier;
