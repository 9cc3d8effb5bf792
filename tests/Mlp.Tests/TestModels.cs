namespace Mlp.Tests;

/// <summary>Three inputs, two outputs: 6 weights and 2 biases, one SIMD vector's worth of parameters.</summary>
[Affine(3, 2)]
public partial class TinyModel;

/// <summary>26 parameters in four tensors: exercises SIMD bodies, scalar tails and ranges between frozen tensors.</summary>
[Affine(5, 3)]
[Relu]
[Affine(3, 2)]
public partial class SmallModel;

/// <summary>Two weight tensors of different shapes and enough values for statistics of initialisers.</summary>
[Affine(400, 100)]
[Relu]
[Affine(100, 20)]
public partial class WideModel;
