namespace Mlp.InferenceSample;

/// <summary>
/// The notebook's exercise 2 autoencoder (<c>out/ex2-*.safetensors</c> loads into it): 784 pixels to a 50-unit ReLU
/// code and back through a sigmoid. Declared here again, not shared with the notebook app, because a shipped
/// executable carries only its own model class and the runtime.
/// </summary>
[Affine(784, 50)] [Relu]
[Affine(50, 784)] [Sigmoid]
public partial class Autoencoder;
