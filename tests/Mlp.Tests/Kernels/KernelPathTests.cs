using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Mlp.Kernels;
using Mlp.Kernels.Products;

namespace Mlp.Tests.Kernels;

/// <summary>
/// The kernel sets: the best one the machine has is chosen, the tests' limit really turns AVX-512 off, and the
/// broadcast products (one FMA chain per element on every path) give the AVX2 path's bits on the AVX-512 path.
/// </summary>
public class KernelPathTests
{
    private static bool HasAvx512 => Avx512F.IsSupported && Vector512.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported;

    [Fact]
    public void TheBestKernelsTheMachineHasAreChosenAndALimitTurnsThemDown()
    {
        GemmPath best = HasAvx512 ? GemmPath.Avx512 : Avx2.IsSupported && Fma.IsSupported ? GemmPath.Avx2 : GemmPath.Portable;
        Assert.Equal(best, Gemm.BestPath);
        Assert.Equal(best, Gemm.CurrentPath);
        using (new KernelScope(KernelPath.Avx2, threads: 1))
            Assert.Equal(best == GemmPath.Portable ? GemmPath.Portable : GemmPath.Avx2, Gemm.CurrentPath);
        using (new KernelScope(KernelPath.Portable, threads: 1))
            Assert.Equal(GemmPath.Portable, Gemm.CurrentPath);
        Assert.Equal(best, Gemm.CurrentPath);
    }

    [Fact]
    public void LimitingAThreadToAVX2RunsTheAVX2DotProducts()
    {
        if (!HasAvx512)
            return;
        // 16 lanes against 8 summing 784 products: some of the 2,500 sums differ in their last bits, all are close.
        const int m = 50, n = 50, k = 784;
        float[] a = GemmReference.Random(m * k, 41), b = GemmReference.Random(n * k, 42);
        float[] wide = new float[m * n], narrow = new float[m * n];
        using (new KernelScope(KernelPath.Avx512, threads: 1))
            Gemm.MultiplyTransposed(a, b, wide, m, n, k);
        using (new KernelScope(KernelPath.Avx2, threads: 1))
            Gemm.MultiplyTransposed(a, b, narrow, m, n, k);
        double[] reference = GemmReference.MultiplyTransposed(a, b, null, m, n, k);
        GemmReference.AssertClose(reference, wide, k, "AVX-512");
        GemmReference.AssertClose(reference, narrow, k, "AVX2");
        Assert.False(wide.AsSpan().SequenceEqual(narrow), "The AVX2 limit left the AVX-512 dot products running.");
    }

    public static TheoryData<int, int, int> Shapes
    {
        get
        {
            var data = new TheoryData<int, int, int>();
            foreach ((int m, int n, int k) in GemmShapes.All)
                data.Add(m, n, k);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void BroadcastProductsGiveTheSameBitsOnTheAVX512AndAVX2Paths(int m, int n, int k)
    {
        if (!HasAvx512)
            return;
        float[] at = GemmReference.Random(k * m, 43), a = GemmReference.Random(m * k, 44), b = GemmReference.Random(k * n, 45);
        float[] w = GemmReference.Random(n * k, 46), bias = GemmReference.Random(n, 47);
        float[][] wide = Products(KernelPath.Avx512), narrow = Products(KernelPath.Avx2);
        for (int i = 0; i < wide.Length; i++)
            GemmReference.AssertBitIdentical(narrow[i], wide[i], $"product {i} of {m}×{n}×{k}");

        float[][] Products(KernelPath path)
        {
            using var scope = new KernelScope(path, threads: 1);
            // Aᵀ·B (a weight gradient) always broadcasts; A·B does for k < 256 (no dot products for its ragged columns
            // on either path); A·Wᵀ + bias does for k ≤ 128 with 8 rows or more (W transposed first).
            var products = new List<float[]>();
            float[] c = new float[m * n];
            Gemm.Multiply(at, 1, m, b, c, m, n, k);
            products.Add(c);
            if (k < Gemm.DotMinK)
            {
                c = new float[m * n];
                Gemm.Multiply(a, k, 1, b, c, m, n, k);
                products.Add(c);
            }
            if (Gemm.FormOfMultiplyTransposed(m, k) == GemmForm.TransposeThenBroadcast)
            {
                c = new float[m * n];
                AffineKernel.Forward(a, w, bias, c, m, k, n);
                products.Add(c);
            }
            return [.. products];
        }
    }
}
