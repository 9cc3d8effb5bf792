using Mlp.Kernels;
using Mlp.Kernels.Products;

namespace Mlp.Tests.Kernels;

/// <summary>Every product path against a double-precision reference, with tails, on one thread.</summary>
public class GemmTests
{
    private const float Sentinel = -12345.5f;

    public static TheoryData<KernelPath, int, int, int> Shapes => GemmShapes.WithPaths();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyTransposedMatchesTheReference(KernelPath path, int m, int n, int k)
    {
        float[] a = GemmReference.Random(m * k, 1), b = GemmReference.Random(n * k, 2);
        float[] c = Padded(m * n);
        using (new KernelScope(path, threads: 1))
            Gemm.MultiplyTransposed(a, b, c.AsSpan(0, m * n), m, n, k);
        GemmReference.AssertClose(GemmReference.MultiplyTransposed(a, b, null, m, n, k), c, k, $"{path} A·Bᵀ {m}×{n}×{k}");
        AssertPaddingUntouched(c, m * n);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyWithARowMajorLeftOperandMatchesTheReference(KernelPath path, int m, int n, int k)
    {
        float[] a = GemmReference.Random(m * k, 3), b = GemmReference.Random(k * n, 4);
        float[] c = Padded(m * n);
        using (new KernelScope(path, threads: 1))
            Gemm.Multiply(a, k, 1, b, c.AsSpan(0, m * n), m, n, k);
        GemmReference.AssertClose(GemmReference.Multiply(a, k, 1, b, m, n, k), c, k, $"{path} A·B {m}×{n}×{k}");
        AssertPaddingUntouched(c, m * n);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MultiplyWithATransposedLeftOperandMatchesTheReference(KernelPath path, int m, int n, int k)
    {
        float[] a = GemmReference.Random(k * m, 5), b = GemmReference.Random(k * n, 6);
        float[] c = Padded(m * n);
        using (new KernelScope(path, threads: 1))
            Gemm.Multiply(a, 1, m, b, c.AsSpan(0, m * n), m, n, k);
        GemmReference.AssertClose(GemmReference.Multiply(a, 1, m, b, m, n, k), c, k, $"{path} Aᵀ·B {m}×{n}×{k}");
        AssertPaddingUntouched(c, m * n);
    }

    [Theory]
    [InlineData(KernelPath.Avx512)]
    [InlineData(KernelPath.Avx2)]
    [InlineData(KernelPath.Portable)]
    public void MultiplyReadsALeftOperandInsideAWiderMatrix(KernelPath path)
    {
        // A is the 13×37 block at the top left of a 13×45 matrix: row stride 45, not k.
        const int m = 13, n = 21, k = 37, stride = 45;
        float[] a = GemmReference.Random(m * stride, 7), b = GemmReference.Random(k * n, 8);
        float[] c = Padded(m * n);
        using (new KernelScope(path, threads: 1))
            Gemm.Multiply(a, stride, 1, b, c.AsSpan(0, m * n), m, n, k);
        GemmReference.AssertClose(GemmReference.Multiply(a, stride, 1, b, m, n, k), c, k, $"{path} strided A·B");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AffineForwardAddsTheBiasesToTheProduct(KernelPath path, int batch, int outputDim, int inputDim)
    {
        float[] x = GemmReference.Random(batch * inputDim, 9), w = GemmReference.Random(outputDim * inputDim, 10);
        float[] bias = GemmReference.Random(outputDim, 11);
        float[] y = Padded(batch * outputDim);
        using (new KernelScope(path, threads: 1))
            AffineKernel.Forward(x, w, bias, y.AsSpan(0, batch * outputDim), batch, inputDim, outputDim);
        GemmReference.AssertClose(GemmReference.MultiplyTransposed(x, w, bias, batch, outputDim, inputDim), y, inputDim, $"{path} forward");
        AssertPaddingUntouched(y, batch * outputDim);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AffineBackwardGivesTheCourseGradients(KernelPath path, int batch, int outputDim, int inputDim)
    {
        float[] x = GemmReference.Random(batch * inputDim, 12), w = GemmReference.Random(outputDim * inputDim, 13);
        float[] dy = GemmReference.Random(batch * outputDim, 14);
        float[] dx = new float[batch * inputDim], dw = new float[outputDim * inputDim], db = new float[outputDim];
        using (new KernelScope(path, threads: 1))
        {
            AffineKernel.BackwardInputs(dy, w, dx, batch, inputDim, outputDim);
            AffineKernel.BackwardParameters(dy, x, dw, db, batch, inputDim, outputDim);
        }
        // dX = dY·W, dW = dYᵀ·X, db = Σ_batch dY.
        GemmReference.AssertClose(GemmReference.Multiply(dy, outputDim, 1, w, batch, inputDim, outputDim), dx, outputDim, "dX");
        GemmReference.AssertClose(GemmReference.Multiply(dy, 1, outputDim, x, outputDim, inputDim, batch), dw, batch, "dW");
        var sums = new double[outputDim];
        for (int i = 0; i < batch; i++)
            for (int j = 0; j < outputDim; j++)
                sums[j] += dy[i * outputDim + j];
        GemmReference.AssertClose(sums, db, batch, "db");
    }

    [Fact]
    public void ShapesCoverEveryLoopNest()
    {
        // The AVX2 and portable paths use every form; the AVX-512 path all but TransposeThenDot.
        foreach (GemmPath path in Enum.GetValues<GemmPath>())
        {
            var forms = new HashSet<GemmForm>();
            foreach ((int m, int n, int k) in GemmShapes.All)
            {
                forms.Add(Gemm.FormOfMultiplyTransposed(m, k));
                forms.Add(Gemm.FormOfMultiply(m, n, k, aColStride: 1, path));
                forms.Add(Gemm.FormOfMultiply(m, n, k, aColStride: m, path));
            }
            HashSet<GemmForm> expected = Enum.GetValues<GemmForm>().ToHashSet();
            if (path == GemmPath.Avx512)
                expected.Remove(GemmForm.TransposeThenDot);
            Assert.Equal(expected, forms);
        }
    }

    [Fact]
    public void HandComputedProduct()
    {
        // [1 2 3; 4 5 6] · [1 0 −1; 2 1 0]ᵀ = [−2 4; −2 13]
        float[] c = new float[4];
        Gemm.MultiplyTransposed([1, 2, 3, 4, 5, 6], [1, 0, -1, 2, 1, 0], c, 2, 2, 3);
        Assert.Equal([-2f, 4f, -2f, 13f], c);
    }

    [Fact]
    public void TooShortOperandsAreNamed()
    {
        float[] six = new float[6];
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Gemm.MultiplyTransposed(six.AsSpan(0, 5), six, six, 2, 3, 3)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Gemm.Multiply(six, 3, 1, six.AsSpan(0, 5), six, 2, 3, 3)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => Gemm.Multiply(six, 3, 1, new float[9], six.AsSpan(0, 5), 2, 3, 3)).ParamName);
        Assert.Equal("biases", Assert.Throws<ArgumentException>(() => AffineKernel.Forward(six, new float[9], new float[2], six, 2, 3, 3)).ParamName);
        Assert.Equal("gradsWrtWeights", Assert.Throws<ArgumentException>(() => AffineKernel.BackwardParameters(six, six, new float[8], new float[3], 2, 3, 3)).ParamName);
        Assert.Equal("gradsWrtInputs", Assert.Throws<ArgumentException>(() => AffineKernel.BackwardInputs(six, new float[9], new float[5], 2, 3, 3)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.MultiplyTransposed(six, six, six, 0, 3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Gemm.Multiply(six, -1, 1, six, six, 2, 3, 3));
    }

    private static float[] Padded(int length)
    {
        var values = new float[length + 19];
        values.AsSpan().Fill(Sentinel);
        return values;
    }

    private static void AssertPaddingUntouched(float[] values, int length)
    {
        for (int i = length; i < values.Length; i++)
            Assert.True(values[i] == Sentinel, $"The product wrote past its end, at element {i}.");
    }
}
