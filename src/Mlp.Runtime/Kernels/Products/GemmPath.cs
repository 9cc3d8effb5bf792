namespace Mlp.Kernels.Products;

/// <summary>Which set of micro-kernels runs a product, in order of preference: the best one the hardware has is used.</summary>
internal enum GemmPath
{
    /// <summary><see cref="GemmPortable"/>: <c>Vector&lt;float&gt;</c>, any hardware.</summary>
    Portable,

    /// <summary><see cref="GemmAvx2"/>: <c>Vector256</c> with FMA (x64 with AVX2).</summary>
    Avx2,

    /// <summary><see cref="GemmAvx512"/>: <c>Vector512</c> (x64 with AVX-512F); dot products differ from AVX2's in the last bits.</summary>
    Avx512,
}
