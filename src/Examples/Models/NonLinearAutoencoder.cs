namespace Mlp.Examples.Models;

/// <summary>
/// Exercise 2: "add non-linearities: a ReLU after the encoder's affine layer, and a logistic sigmoid after the decoder's,
/// so that the reconstructions stay in the pixels' range [0, 1]", trained with Adam. Exercise 4 starts its classifier
/// from this model's trained encoder.
/// </summary>
[Affine(784, 50)] [Relu]      // encoder: image → non-negative code
[Affine(50, 784)] [Sigmoid]   // decoder: code → reconstruction in (0, 1)
public partial class NonLinearAutoencoder;
