using Mlp.Kernels;
using Mlp.Kernels.Products;

namespace Mlp.Tests.Kernels;

/// <summary>
/// The packed paths (large products: GemmAvx2Packed and GemmAvx512Packed, and GemmAvx512PackedDot for A·Bᵀ) against
/// the reference, and bit for bit against the unpacked path: several blocks of k and of rows, partial tiles at both edges, with and without a
/// bias, on one thread and shared between two.
/// Runs alone because it overrides the process-wide packing rule.
/// </summary>
[Collection(KernelWorkerCollection.Name)]
public class PackedGemmTests
{
    public static TheoryData<KernelPath, int, int, int> Shapes
    {
        get
        {
            var data = new TheoryData<KernelPath, int, int, int>();
            foreach (KernelPath path in new[] { KernelPath.Avx512, KernelPath.Avx2 })
            {
                foreach ((int m, int n, int k) in new[] { (5, 16, 1), (7, 33, 300), (243, 35, 513), (12, 16, 600), (481, 17, 40), (50, 784, 50), (784, 50, 50), (11, 100, 257),
                    // AVX-512 panels of 48 columns with a rest of 16, 32 and a ragged 1–15, several blocks of rows and of k.
                    (263, 64, 130), (9, 80, 129), (300, 113, 260), (17, 1, 5),
                    // AVX-512 dot products over more of A than is packed at once: two chunks of rows.
                    (1400, 20, 784) })
                    data.Add(path, m, n, k);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackedProductsMatchTheReferenceAndTheUnpackedBits(KernelPath path, int m, int n, int k)
    {
        foreach (int threads in new[] { 1, 2 })
            Check(path, m, n, k, threads);
    }

    private static void Check(KernelPath path, int m, int n, int k, int threads)
    {
        if (!GemmAvx2.IsSupported)
            return;
        float[] a = GemmReference.Random(m * k, 61), at = GemmReference.Random(k * m, 62), b = GemmReference.Random(k * n, 63);
        float[] w = GemmReference.Random(n * 7, 64), bias = GemmReference.Random(n, 65);
        float[] h = GemmReference.Random(m * 7, 66), bt = GemmReference.Random(n * k, 67);
        float[][] packed = Products(packed: true), unpacked = Products(packed: false);
        for (int i = 0; i < packed.Length; i++)
            GemmReference.AssertBitIdentical(unpacked[i], packed[i], $"product {i} of {m}×{n}×{k} on {threads} thread(s)");
        GemmReference.AssertClose(GemmReference.Multiply(a, k, 1, b, m, n, k), packed[0], k, "A·B");
        GemmReference.AssertClose(GemmReference.Multiply(at, 1, m, b, m, n, k), packed[1], k, "Aᵀ·B");
        GemmReference.AssertClose(GemmReference.MultiplyTransposed(h, w, bias, m, n, 7), packed[2], 7, "H·Wᵀ + bias");
        GemmReference.AssertClose(GemmReference.MultiplyTransposed(a, bt, bias, m, n, k), packed[3], k, "A·Bᵀ + bias");

        float[][] Products(bool packed)
        {
            GemmAvx2.PackedOverride = packed ? 1 : -1;
            using var scope = new KernelScope(path, threads);
            try
            {
                float[] c1 = new float[m * n], c2 = new float[m * n], c3 = new float[m * n], c4 = new float[m * n];
                Gemm.Multiply(a, k, 1, b, c1, m, n, k);
                Gemm.Multiply(at, 1, m, b, c2, m, n, k);
                // k = 7 and m ≥ 8 transposes W and runs the broadcast kernel with the bias.
                AffineKernel.Forward(h, w, bias, c3, m, 7, n);
                // k > 128: dot products (packed on the AVX-512 path), the bias added after the sums.
                AffineKernel.Forward(a, bt, bias, c4, m, k, n);
                return [c1, c2, c3, c4];
            }
            finally
            {
                GemmAvx2.PackedOverride = 0;
            }
        }
    }
}
