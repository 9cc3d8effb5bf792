using Mlp.Kernels;
using Mlp.Kernels.Products;

namespace Mlp.Tests.Kernels;

/// <summary>The transposes behind the transposing loop nests, exactly, including ragged edges.</summary>
public unsafe class TransposeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(7, 9)]
    [InlineData(17, 50)]
    [InlineData(50, 17)]
    [InlineData(784, 50)]
    public void RowsBecomeColumns(int n, int k)
    {
        float[] b = GemmReference.Random(n * k, 51);
        foreach (bool avx2 in new[] { true, false })
        {
            if (avx2 && !GemmAvx2.IsSupported)
                continue;
            // P is written inside a wider matrix (row stride n + 3) to check the stride is honoured.
            int ldp = n + 3;
            float[] p = new float[k * ldp];
            fixed (float* pb = b, pp = p)
            {
                if (avx2)
                    GemmAvx2.Transpose(pb, k, pp, ldp, n, k);
                else
                    GemmPortable.Transpose(pb, k, pp, ldp, n, k);
            }
            for (int q = 0; q < k; q++)
            {
                for (int j = 0; j < n; j++)
                    Assert.Equal(b[j * k + q], p[q * ldp + j]);
                for (int j = n; j < ldp; j++)
                    Assert.Equal(0f, p[q * ldp + j]);
            }
        }
    }
}
