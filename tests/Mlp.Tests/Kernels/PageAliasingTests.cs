using Mlp.Kernels;
using Mlp.Kernels.Products;

namespace Mlp.Tests.Kernels;

/// <summary>
/// AVX-512 dot products whose operands' rows are 4 KB apart and start at about the same place within a page run on a
/// copy of A (<see cref="PageAliasing"/>): the same bits as operands that lie apart, on one thread and on two.
/// </summary>
[Collection(KernelWorkerCollection.Name)]
public class PageAliasingTests
{
    private const int M = 9, N = 1001, K = 1024;

    // Where A starts relative to B within a page, in bytes: colliding (0, 64, 512) and apart (2048, 1024).
    [Theory]
    [InlineData(0, 1)]
    [InlineData(64, 1)]
    [InlineData(512, 1)]
    [InlineData(1024, 1)]
    [InlineData(0, 2)]
    [InlineData(512, 2)]
    public void CollidingOperandsGiveTheBitsOfOperandsApart(int distance, int threads)
    {
        if (!GemmAvx512.IsSupported)
            return;
        float[] a = GemmReference.Random(M * K, 71), b = GemmReference.Random(N * K, 72), bias = GemmReference.Random(N, 73);
        float[] apart = Product(a, b, bias, 2048, threads: 1);
        GemmReference.AssertBitIdentical(apart, Product(a, b, bias, distance, threads), $"A {distance} bytes from B, {threads} thread(s)");
        GemmReference.AssertClose(GemmReference.MultiplyTransposed(a, b, bias, M, N, K), apart, K, "A·Bᵀ + bias");
    }

    [Fact]
    public unsafe void A_shorter_than_its_rows_is_copied_at_its_own_length()
    {
        if (!GemmAvx512.IsSupported)
            return;
        const int k = 1000;
        float[] a = GemmReference.Random(M * K, 74), b = GemmReference.Random(N * K, 75);
        float[] colliding = new float[M * N], apart = new float[M * N];
        float[] buffer = GC.AllocateArray<float>(M * K + N * K + 3 * 1024, pinned: true);
        fixed (float* start = buffer, pc1 = colliding, pc2 = apart)
        {
            float* pb = PageStart(start), pa = pb + N * K + 1024;
            a.CopyTo(new Span<float>(pa, M * K));
            b.CopyTo(new Span<float>(pb, N * K));
            Assert.True(PageAliasing.Worsens(pa, K, pb, K, (long)M * N * k));
            GemmAvx512.Dot(pa, K, pb, K, pc1, N, null, M, N, k);
            float* shifted = pa + 512;
            new Span<float>(pa, M * K).CopyTo(new Span<float>(shifted, M * K));
            Assert.False(PageAliasing.Worsens(shifted, K, pb, K, (long)M * N * k));
            GemmAvx512.Dot(shifted, K, pb, K, pc2, N, null, M, N, k);
        }
        GemmReference.AssertBitIdentical(apart, colliding, "k = 1000 within rows of 1024");
    }

    // C = A·Bᵀ + bias through the public product, with A placed `distance` bytes after B's place within a page.
    private static unsafe float[] Product(float[] a, float[] b, float[] bias, int distance, int threads)
    {
        float[] buffer = GC.AllocateArray<float>(M * K + N * K + 3 * 1024, pinned: true);
        float[] c = new float[M * N];
        fixed (float* start = buffer)
        {
            float* pb = PageStart(start), pa = pb + N * K + distance / sizeof(float);
            a.CopyTo(new Span<float>(pa, M * K));
            b.CopyTo(new Span<float>(pb, N * K));
            Assert.Equal(distance < 1024, PageAliasing.Worsens(pa, K, pb, K, (long)M * N * K));
            using var scope = new KernelScope(KernelPath.Avx512, threads);
            AffineKernel.Forward(new ReadOnlySpan<float>(pa, M * K), new ReadOnlySpan<float>(pb, N * K), bias, c, M, K, N);
        }
        return c;
    }

    // The first page boundary at or after `start`.
    private static unsafe float* PageStart(float* start) => (float*)(((nint)start + 4095) & ~(nint)4095);
}
