namespace Mlp.Benchmarks;

/// <summary>The notebook's ex1 linear autoencoder, 784-50-784.</summary>
[Affine(784, 50)] [Affine(50, 784)]
public partial class LinearAutoencoder;

/// <summary>The notebook's ex2 autoencoder, 784-50 ReLU, 50-784 sigmoid.</summary>
[Affine(784, 50)] [Relu] [Affine(50, 784)] [Sigmoid]
public partial class Autoencoder;

/// <summary>The notebook's ex4 classifier, 784-50-100-10 with ReLU.</summary>
[Affine(784, 50)] [Relu] [Affine(50, 100)] [Relu] [Affine(100, 10)]
public partial class Classifier;

/// <summary>A wide classifier, 784-1024-1024-10 with ReLU: large GEMMs that stress the caches.</summary>
[Affine(784, 1024)] [Relu] [Affine(1024, 1024)] [Relu] [Affine(1024, 10)]
public partial class WideClassifier;
