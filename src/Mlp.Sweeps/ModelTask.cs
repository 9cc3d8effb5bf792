namespace Mlp.Sweeps;

/// <summary>What a registered model is trained to do, which fixes its data, error and statistics.</summary>
public enum ModelTask
{
    /// <summary>Reconstruct MNIST images (targets are the inputs), sum of squared differences error.</summary>
    Autoencoder,

    /// <summary>Classify MNIST digits (one-of-K targets), cross-entropy softmax error, accuracy monitored.</summary>
    Classifier,
}
