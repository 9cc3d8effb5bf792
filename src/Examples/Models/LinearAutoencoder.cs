namespace Mlp.Examples.Models;

/// <summary>
/// Exercise 1: "a linear contractive autoencoder: an affine layer to a 50-dimensional code, then an affine layer back
/// to the 784 pixels", trained with the sum of squared differences error and plain gradient descent. With linear
/// layers the best it can do is to span the top 50 principal components of the data (the PCA part).
/// </summary>
[Affine(784, 50)]   // encoder: image → code
[Affine(50, 784)]   // decoder: code → reconstruction
public partial class LinearAutoencoder;
