using BenchmarkDotNet.Attributes;
using Mlp.Data;
using Mlp.Kernels;

namespace Mlp.Benchmarks;

/// <summary>
/// One training epoch of the notebook's runs on the real MNIST training set (50,000 images, batch 50) through the
/// runtime's data provider, error, learning rule and <see cref="Training.Optimiser.DoTrainingEpoch"/>
/// (see <see cref="EpochWorkload"/>), and 40 training steps of the wide classifier at batch 256.
/// </summary>
[WarmupCount(1)]
[IterationCount(5)]
[InvocationCount(1, unrollFactor: 1)]
public class EpochBenchmarks
{
    // Matrix-product FLOPs: five 50×784×50 products per batch for the autoencoders, forward, weight-gradient and input-
    // gradient products for the classifiers; 1,000 batches of 50 per epoch, 40 of 256 for the wide model.
    private const long AutoencoderFlops = 2L * 5 * 784 * 50 * 50_000;
    private const long ClassifierFlops = 2L * (2 * (784 * 50 + 50 * 100 + 100 * 10) + 50 * 100 + 100 * 10) * 50_000;
    private const long WideFlops = 2L * (2L * (784 * 1024 + 1024 * 1024 + 1024 * 10) + 1024 * 1024 + 1024 * 10) * 256 * 40;

    private EpochWorkload? _ex1, _ex2, _ex4, _wide;

    /// <summary>Threads per kernel (<see cref="KernelThreads.Count"/>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Loads MNIST once and sets up each run as the notebook does.</summary>
    [GlobalSetup]
    public void Setup()
    {
        KernelThreads.Count = Threads;
        MnistData train = MnistData.Load(MnistSet.Train);
        _ex1 = EpochWorkload.Create("ex1", train);
        _ex2 = EpochWorkload.Create("ex2", train);
        _ex4 = EpochWorkload.Create("ex4", train);
        _wide = EpochWorkload.Create("wide", train);
    }

    /// <summary>ex1: 784-50-784 linear autoencoder, sum of squared differences, SGD (learning rate 0.01).</summary>
    [Benchmark, Flops(AutoencoderFlops)]
    public void Ex1Epoch() => _ex1!.RunEpoch();

    /// <summary>ex2: 784-50 ReLU, 50-784 sigmoid autoencoder, sum of squared differences, Adam.</summary>
    [Benchmark, Flops(AutoencoderFlops)]
    public void Ex2Epoch() => _ex2!.RunEpoch();

    /// <summary>ex4: 784-50-100-10 ReLU classifier, softmax cross-entropy, Adam.</summary>
    [Benchmark, Flops(ClassifierFlops)]
    public void Ex4Epoch() => _ex4!.RunEpoch();

    /// <summary>40 steps of a 784-1024-1024-10 ReLU classifier at batch 256, softmax cross-entropy, Adam.</summary>
    [Benchmark, Flops(WideFlops)]
    public void Wide40Steps() => _wide!.RunEpoch();
}
