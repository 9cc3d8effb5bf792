using BenchmarkDotNet.Attributes;
using Mlp.Kernels;

namespace Mlp.Benchmarks;

/// <summary>
/// The five matrix products of one ex1/ex2 autoencoder training step at batch 50, each through the
/// kernel call the generated model makes (the forward calls include the bias, the weight-gradient calls
/// the bias sums; only the product is counted in the FLOPs).
/// </summary>
public class AutoencoderGemmBenchmarks
{
    private const int Batch = 50, Visible = 784, Hidden = 50;
    private const long GemmFlops = 2L * Batch * Visible * Hidden;

    private readonly float[] _x = BenchmarkData.Uniform(Batch * Visible, 1);
    private readonly float[] _w1 = BenchmarkData.Uniform(Hidden * Visible, 2);
    private readonly float[] _b1 = BenchmarkData.Uniform(Hidden, 3);
    private readonly float[] _h = BenchmarkData.Uniform(Batch * Hidden, 4);
    private readonly float[] _w2 = BenchmarkData.Uniform(Visible * Hidden, 5);
    private readonly float[] _b2 = BenchmarkData.Uniform(Visible, 6);
    private readonly float[] _y = new float[Batch * Visible];
    private readonly float[] _dy = BenchmarkData.Uniform(Batch * Visible, 7);
    private readonly float[] _dh = BenchmarkData.Uniform(Batch * Hidden, 8);
    private readonly float[] _dw1 = new float[Hidden * Visible];
    private readonly float[] _db1 = new float[Hidden];
    private readonly float[] _dw2 = new float[Visible * Hidden];
    private readonly float[] _db2 = new float[Visible];
    private readonly float[] _hOut = new float[Batch * Hidden];
    private readonly float[] _dhOut = new float[Batch * Hidden];

    /// <summary>Threads per matrix product (<see cref="KernelThreads.Count"/>).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Sets the thread count for this process.</summary>
    [GlobalSetup]
    public void Setup() => KernelThreads.Count = Threads;

    /// <summary>H = X·W1ᵀ + b1: (50, 784)·(784, 50).</summary>
    [Benchmark, Flops(GemmFlops)]
    public void Forward_X_W1t() => AffineKernel.Forward(_x, _w1, _b1, _hOut, Batch, Visible, Hidden);

    /// <summary>Y = H·W2ᵀ + b2: (50, 50)·(50, 784).</summary>
    [Benchmark, Flops(GemmFlops)]
    public void Forward_H_W2t() => AffineKernel.Forward(_h, _w2, _b2, _y, Batch, Hidden, Visible);

    /// <summary>dW2 = dYᵀ·H: (784, 50)·(50, 50), and db2.</summary>
    [Benchmark, Flops(GemmFlops)]
    public void WeightGrads_dYt_H() => AffineKernel.BackwardParameters(_dy, _h, _dw2, _db2, Batch, Hidden, Visible);

    /// <summary>dH = dY·W2: (50, 784)·(784, 50).</summary>
    [Benchmark, Flops(GemmFlops)]
    public void InputGrads_dY_W2() => AffineKernel.BackwardInputs(_dy, _w2, _dhOut, Batch, Hidden, Visible);

    /// <summary>dW1 = dHᵀ·X: (50, 50)·(50, 784), and db1.</summary>
    [Benchmark, Flops(GemmFlops)]
    public void WeightGrads_dHt_X() => AffineKernel.BackwardParameters(_dh, _x, _dw1, _db1, Batch, Visible, Hidden);
}
