namespace Mlp.Tests.Generated;

// Sizes are deliberately not multiples of the SIMD width (7, 33, 5, 37, 19) so tails are exercised.

[Affine(7, 33)] [Affine(33, 5)]
public partial class AffineOnlyNet;

[Affine(7, 33)] [Relu] [Affine(33, 5)]
public partial class ReluNet;

[Affine(7, 33)] [LeakyRelu(0.1f)] [Affine(33, 5)]
public partial class LeakyReluNet;

[Affine(7, 33)] [Elu(0.7f)] [Affine(33, 5)]
public partial class EluNet;

[Affine(7, 33)] [Sigmoid] [Affine(33, 5)]
public partial class SigmoidNet;

[Affine(7, 33)] [Tanh] [Affine(33, 5)]
public partial class TanhNet;

[Affine(7, 33)] [Tanh] [Affine(33, 5)] [Softmax]
public partial class SoftmaxNet;

[Affine(7, 33)] [Dropout(0.6f)] [Affine(33, 5)]
public partial class DropoutNet;

[Affine(7, 33)] [Selu] [Affine(33, 5)]
public partial class SeluNet;

[Affine(7, 33)] [Softplus] [Affine(33, 5)]
public partial class SoftplusNet;

[BatchNorm] [Affine(7, 33)] [BatchNorm(0.2f)] [Relu] [Affine(33, 5)]
public partial class BatchNormNet;

[Tanh] [Affine(7, 9)] [Relu] [Affine(9, 5)]
public partial class LeadingActivationNet;

[Affine(37, 70)] [Relu] [Affine(70, 19)] [Sigmoid]
public partial class WiderNet;

[Affine(3, 1)]
public partial class SingleAffine;

[Affine(784, 50)] [Relu] [Affine(50, 784)] [Sigmoid]
public partial class MnistAutoencoder;

[Affine(784, 50)] [Relu] [Affine(50, 100)] [Relu] [Affine(100, 10)]
[TransferLayer(0, typeof(MnistAutoencoder), 0)]
public partial class PretrainableClassifier;
