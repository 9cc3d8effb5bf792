namespace Mlp.Examples.Models;

/// <summary>
/// Exercise 3: "the same architecture as exercise 2, trained as a denoising autoencoder: corrupt each input batch
/// (by default, set each pixel to zero with probability 0.25) and train the model to reconstruct the clean images".
/// </summary>
[Affine(784, 50)] [Relu]      // encoder: corrupted image → code
[Affine(50, 784)] [Sigmoid]   // decoder: code → clean reconstruction
public partial class DenoisingAutoencoder;
