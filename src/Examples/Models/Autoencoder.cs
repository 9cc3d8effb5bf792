namespace Mlp.Examples;

[Affine(784, 50)] [Relu] [Affine(50, 784)] [Sigmoid]
public partial class Autoencoder;
