using BenchmarkDotNet.Attributes;
using Mlp.Kernels;

namespace Mlp.Benchmarks;

/// <summary><c>Forward</c> alone for the notebook's models: latency at batch 1, throughput at batch 1,000.</summary>
public class InferenceBenchmarks
{
    private const long AutoencoderMacs = 784 * 50 + 50 * 784;
    private const long ClassifierMacs = 784 * 50 + 50 * 100 + 100 * 10;

    private readonly LinearAutoencoder _ex1 = new(seed: 1);
    private readonly Autoencoder _ex2 = new(seed: 2);
    private readonly Classifier _ex4 = new(seed: 3);
    private float[] _inputs = [];

    /// <summary>Examples per call.</summary>
    [Params(1, 1000)]
    public int BatchSize { get; set; }

    /// <summary>Threads per matrix product (<see cref="KernelThreads.Count"/>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Sets the thread count, draws the inputs and runs each model once so its buffers exist.</summary>
    [GlobalSetup]
    public void Setup()
    {
        KernelThreads.Count = Threads;
        _inputs = BenchmarkData.Pixels(BatchSize * 784, 7);
        _ex1.Forward(_inputs, BatchSize);
        _ex2.Forward(_inputs, BatchSize);
        _ex4.Forward(_inputs, BatchSize);
    }

    /// <summary>ex1 linear autoencoder.</summary>
    [Benchmark, Flops(2 * AutoencoderMacs)]
    public float Ex1LinearAutoencoder() => _ex1.Forward(_inputs, BatchSize)[0];

    /// <summary>ex2 ReLU/sigmoid autoencoder.</summary>
    [Benchmark, Flops(2 * AutoencoderMacs)]
    public float Ex2Autoencoder() => _ex2.Forward(_inputs, BatchSize)[0];

    /// <summary>ex4 classifier (logits).</summary>
    [Benchmark, Flops(2 * ClassifierMacs)]
    public float Ex4Classifier() => _ex4.Forward(_inputs, BatchSize)[0];
}
