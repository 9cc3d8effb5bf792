namespace Mlp.Tests.Catalogue;

// One activation behind an Affine(9, 9) layer that the PyTorch agreement tests set to the identity; the arguments
// are those of torch/make_fixtures.py.

[Affine(9, 9)] [Relu]
public partial class TorchReluNet;

[Affine(9, 9)] [LeakyRelu(0.1f)]
public partial class TorchLeakyReluNet;

[Affine(9, 9)] [Elu(0.7f)]
public partial class TorchEluNet;

[Affine(9, 9)] [Sigmoid]
public partial class TorchSigmoidNet;

[Affine(9, 9)] [Tanh]
public partial class TorchTanhNet;

[Affine(9, 9)] [Softmax]
public partial class TorchSoftmaxNet;

[Affine(9, 9)] [Selu]
public partial class TorchSeluNet;

[Affine(9, 9)] [Softplus]
public partial class TorchSoftplusNet;
