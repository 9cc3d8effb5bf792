using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels.Products;

/// <summary>
/// Dot-product tiles read 5 rows of A and 4 of B at the same p. When both matrices' rows are a multiple of 4 KB long
/// (1024 floats, a 1024-wide layer's) and the two start at about the same place within a 4 KB page, those 9 lines
/// fall into one set of the 8-way L1 cache at every p, and a 256×1024×1024 product runs at 97 GFLOPS instead of 107
/// (Zen 4). Where the buffers lie is up to the allocator, so the product checks and, when they collide, works on a
/// copy of A placed half a page away from B.
/// </summary>
internal static unsafe class PageAliasing
{
    private const int PageBytes = 4096;
    private const int PageFloats = PageBytes / sizeof(float);

    // Closer than this within a page collides (measured: 256 bytes apart still does, 1 KB does not).
    private const int MinDistanceBytes = 1024;

    // From this many multiply-adds on, the copy (about 1/n of the product's work) pays.
    private const long MinMultiplyAdds = 1L << 23;

    // Pinned, so that where the copy starts within a page, chosen per product, stays put.
    [ThreadStatic]
    private static float[]? t_rows;

    /// <summary>Whether A (rows <paramref name="lda"/> apart) and B (<paramref name="ldb"/>) collide and the product is large enough to copy A.</summary>
    public static bool Worsens(float* a, int lda, float* b, int ldb, long multiplyAdds)
    {
        if (lda % PageFloats != 0 || ldb % PageFloats != 0 || multiplyAdds < MinMultiplyAdds)
            return false;
        int distance = (int)(((nint)a - (nint)b) & (PageBytes - 1));
        return Math.Min(distance, PageBytes - distance) < MinDistanceBytes;
    }

    /// <summary>
    /// A's <paramref name="m"/> rows of <paramref name="k"/> values copied contiguously (row stride k) into this
    /// thread's buffer, starting half a page from where B starts within its page.
    /// </summary>
    public static float* CopyAway(float* a, int lda, float* b, int m, int k)
    {
        int length = m * k + PageFloats;
        float[]? buffer = t_rows;
        if (buffer is null || buffer.Length < length)
            t_rows = buffer = GC.AllocateUninitializedArray<float>(length, pinned: true);
        byte* start = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        nint target = ((nint)b + PageBytes / 2) & (PageBytes - 1);
        float* copy = (float*)(start + ((target - (nint)start) & (PageBytes - 1)));
        for (int i = 0; i < m; i++)
            new ReadOnlySpan<float>(a + (nint)i * lda, k).CopyTo(new Span<float>(copy + (nint)i * k, k));
        return copy;
    }
}
