using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>The bias-gradient column sums against double precision.</summary>
public class SumRowsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 7)]
    [InlineData(50, 784)]
    [InlineData(4, 33)]
    [InlineData(2, 64)]
    public void ColumnSumsMatchDoublePrecision(int rows, int width)
    {
        float[] matrix = GemmReference.Random(rows * width, 41);
        float[] sums = new float[width + 1];
        sums[width] = 99f;
        AffineKernel.SumRows(matrix, sums.AsSpan(0, width), width);
        var expected = new double[width];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < width; j++)
                expected[j] += matrix[r * width + j];
        GemmReference.AssertClose(expected, sums, rows, "column sums");
        Assert.Equal(99f, sums[width]);
        if (width > 1)
            Assert.Equal("matrix", Assert.Throws<ArgumentException>(() => AffineKernel.SumRows(matrix.AsSpan(0, rows * width - 1), sums, width)).ParamName);
    }
}
