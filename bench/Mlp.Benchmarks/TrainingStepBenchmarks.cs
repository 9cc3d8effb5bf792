using BenchmarkDotNet.Attributes;
using Mlp.Kernels;

namespace Mlp.Benchmarks;

/// <summary>
/// One training step (forward, SSD gradient, backward, SGD update; see <see cref="TrainingStep"/>) of the
/// notebook's models at batch 50 and of a wide classifier at batch 256.
/// </summary>
public class TrainingStepBenchmarks
{
    // Multiply-adds per example: forward Σ in·out, weight gradients Σ in·out, input gradients of every
    // Affine layer but the first.
    private const long AutoencoderMacs = 784 * 50 + 50 * 784 + 784 * 50 + 50 * 784 + 50 * 784;
    private const long ClassifierMacs = 2 * (784 * 50 + 50 * 100 + 100 * 10) + 50 * 100 + 100 * 10;
    private const long WideMacs = 2L * (784 * 1024 + 1024 * 1024 + 1024 * 10) + 1024 * 1024 + 1024 * 10;
    private const int Batch = 50, WideBatch = 256;
    private const float LearningRate = 0.01f;

    private readonly LinearAutoencoder _ex1 = new(seed: 1);
    private readonly Autoencoder _ex2 = new(seed: 2);
    private readonly Classifier _ex4 = new(seed: 3);
    private readonly WideClassifier _wide = new(seed: 4);
    private readonly float[] _images = BenchmarkData.Pixels(WideBatch * 784, 5);
    private readonly float[] _labels = BenchmarkData.OneOfK(WideBatch, 10, 6);
    private readonly float[] _imageGrads = new float[WideBatch * 784];
    private readonly float[] _labelGrads = new float[WideBatch * 10];
    private float[] _batchImages = [];
    private float[] _batchLabels = [];
    private float[] _batchImageGrads = [];
    private float[] _batchLabelGrads = [];

    /// <summary>Threads per matrix product (<see cref="KernelThreads.Count"/>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Sets the thread count and slices one batch of 50 out of the data, once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        KernelThreads.Count = Threads;
        _batchImages = _images[..(Batch * 784)];
        _batchLabels = _labels[..(Batch * 10)];
        _batchImageGrads = _imageGrads[..(Batch * 784)];
        _batchLabelGrads = _labelGrads[..(Batch * 10)];
    }

    /// <summary>ex1: Affine(784, 50) → Affine(50, 784), batch 50.</summary>
    [Benchmark, Flops(2 * AutoencoderMacs * Batch)]
    public void Ex1LinearAutoencoder() =>
        TrainingStep.Run(_ex1, _batchImages, _batchImages, _batchImageGrads, Batch, LearningRate);

    /// <summary>ex2: Affine(784, 50) → ReLU → Affine(50, 784) → Sigmoid, batch 50.</summary>
    [Benchmark, Flops(2 * AutoencoderMacs * Batch)]
    public void Ex2Autoencoder() =>
        TrainingStep.Run(_ex2, _batchImages, _batchImages, _batchImageGrads, Batch, LearningRate);

    /// <summary>ex4: 784-50-100-10 ReLU classifier, batch 50.</summary>
    [Benchmark, Flops(2 * ClassifierMacs * Batch)]
    public void Ex4Classifier() =>
        TrainingStep.Run(_ex4, _batchImages, _batchLabels, _batchLabelGrads, Batch, LearningRate);

    /// <summary>784-1024-1024-10 ReLU classifier, batch 256.</summary>
    [Benchmark, Flops(2 * WideMacs * WideBatch)]
    public void WideClassifier256() =>
        TrainingStep.Run(_wide, _images, _labels, _labelGrads, WideBatch, LearningRate);
}
