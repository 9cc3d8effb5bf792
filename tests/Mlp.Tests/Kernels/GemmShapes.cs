namespace Mlp.Tests.Kernels;

/// <summary>
/// Shapes (m, n, k) for the product tests: every tile's tails (n not a multiple of 4, 8 or 16, m not a multiple
/// of 5 or 10, k not a multiple of 8 or 16), batch 1, the autoencoder's and classifier's layers, and shapes that
/// pick each loop nest (see <c>GemmTests.ShapesCoverEveryLoopNest</c>).
/// </summary>
internal static class GemmShapes
{
    public static readonly (int M, int N, int K)[] All =
    [
        (1, 1, 1), (1, 7, 7), (1, 50, 784), (1, 784, 50), (1, 10, 100),
        (2, 3, 5), (3, 3, 200), (4, 9, 17), (5, 16, 8), (6, 2, 1),
        (7, 7, 7), (7, 33, 7), (33, 7, 33), (33, 33, 33), (8, 40, 9),
        (10, 10, 256), (11, 50, 300), (13, 17, 100), (16, 24, 129), (9, 8, 260),
        (12, 57, 41), (50, 50, 784), (50, 784, 50), (50, 100, 50), (50, 10, 100),
        (64, 1000, 10), (21, 31, 1000),
        // AVX-512 tails: columns down the rows (64-row blocks and a masked rest), dot-product tails, k mod 16.
        (130, 18, 19), (45, 47, 33), (23, 35, 300), (64, 20, 257),
    ];

    /// <summary>Each shape with each kernel path, for <c>[MemberData]</c>.</summary>
    public static TheoryData<KernelPath, int, int, int> WithPaths()
    {
        var data = new TheoryData<KernelPath, int, int, int>();
        foreach (KernelPath path in Enum.GetValues<KernelPath>())
        {
            foreach ((int m, int n, int k) in All)
                data.Add(path, m, n, k);
        }
        return data;
    }
}
