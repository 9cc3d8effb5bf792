namespace Mlp.Kernels.Products;

/// <summary>Which loop nest computes a product (see <see cref="GemmAvx2"/>).</summary>
internal enum GemmForm
{
    /// <summary><c>C = A·Bᵀ</c> by dot-product tiles: both operands contiguous along k.</summary>
    Dot,

    /// <summary><c>C = A·B</c> by broadcast tiles: B contiguous along n, A at any strides.</summary>
    Broadcast,

    /// <summary><c>C = A·Bᵀ</c> for short k: B is first transposed into scratch, then broadcast tiles run.</summary>
    TransposeThenBroadcast,

    /// <summary>
    /// <c>C = A·B</c> for long k, a ragged n (not a multiple of 8) and A contiguous along k: B is first
    /// transposed into scratch, then dot-product tiles run, which need no padding of n. (Not on the AVX-512 path,
    /// whose broadcast kernel computes the ragged columns as dot products itself.)
    /// </summary>
    TransposeThenDot,
}
