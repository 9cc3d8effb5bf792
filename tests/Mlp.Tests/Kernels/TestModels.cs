namespace Mlp.Tests.Kernels;

/// <summary>The notebook's ex2 autoencoder: every GEMM form of a training step at batch 50.</summary>
[Affine(784, 50)] [Relu] [Affine(50, 784)] [Sigmoid]
public partial class KernelTestAutoencoder;

/// <summary>A small classifier with ragged widths (not multiples of 8) and a softmax output.</summary>
[Affine(33, 20)] [Tanh] [Affine(20, 7)] [Softmax]
public partial class KernelTestClassifier;
