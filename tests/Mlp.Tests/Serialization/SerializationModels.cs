namespace Mlp.Tests.Serialization;

/// <summary>Every layer kind, dropout first and in the middle; odd widths exercise SIMD tails.</summary>
[Dropout(0.8f)] [Affine(7, 33)] [Relu] [Affine(33, 12)] [LeakyRelu(0.2f)] [Affine(12, 9)] [Elu(0.7f)]
[Affine(9, 9)] [Tanh] [Dropout(0.5f)] [Affine(9, 5)] [Sigmoid] [Affine(5, 3)] [Softmax]
public partial class EveryLayerNet;

/// <summary>The shapes of <see cref="SmallModel"/> with another activation: its files fit by shape but not by architecture.</summary>
[Affine(5, 3)] [Tanh] [Affine(3, 2)]
public partial class SmallTanhModel;
