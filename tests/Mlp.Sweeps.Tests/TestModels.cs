namespace Mlp.Sweeps.Tests;

/// <summary>A small autoencoder, so that trials on a few MNIST batches take a fraction of a second.</summary>
[Affine(784, 16)] [Relu] [Affine(16, 784)] [Sigmoid]
public partial class SmallAutoencoder;

/// <summary>A small classifier with two Affine layers (so one can be frozen).</summary>
[Affine(784, 24)] [Relu] [Affine(24, 10)]
public partial class SmallClassifier;

/// <summary>A small linear autoencoder: with no saturating activation, a large learning rate makes it diverge.</summary>
[Affine(784, 16)] [Affine(16, 784)]
public partial class SmallLinearAutoencoder;

/// <summary>The registry the tests' sweeps name models from.</summary>
internal static class TestRegistry
{
    public static ModelRegistry Create() => new ModelRegistry()
        .Add("small-ae", ModelTask.Autoencoder, seed => new SmallAutoencoder(seed))
        .Add("small-clf", ModelTask.Classifier, seed => new SmallClassifier(seed))
        .Add("small-linear", ModelTask.Autoencoder, seed => new SmallLinearAutoencoder(seed));

    /// <summary>The real MNIST of the repository, decoded once per test process.</summary>
    public static SweepData Data { get; } = SweepData.Load();
}
