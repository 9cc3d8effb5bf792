namespace Mlp.Examples.Models;

/// <summary>
/// Exercise 4: "use the encoder of the trained autoencoder as the first layer of a classifier: two hidden ReLU layers,
/// then ten outputs trained with the cross-entropy softmax error, and compare it with the same classifier trained
/// from random initialisation". The transfer attribute makes the compiler check that layer 0 has the shape of
/// <see cref="NonLinearAutoencoder"/>'s layer 0 and generates <c>CopyLayer0From(autoencoder)</c>.
/// </summary>
[Affine(784, 50)] [Relu]     // layer 0: starts from exercise 2's encoder
[Affine(50, 100)] [Relu]
[Affine(100, 10)]            // logits; the error applies the softmax
[TransferLayer(0, typeof(NonLinearAutoencoder), 0)]
public partial class DigitClassifier;
