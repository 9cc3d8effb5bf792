using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Products;
using Mlp.Threading;

namespace Mlp.Kernels;

/// <summary>The affine layer <c>y = x Wᵀ + b</c> with weights <c>(outputDim, inputDim)</c>, forward and backward.</summary>
public static class AffineKernel
{
    /// <summary><c>outputs(batch, outputDim) = inputs(batch, inputDim) · weightsᵀ + biases</c>, the bias added in the same sweep.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> outputs, int batchSize, int inputDim, int outputDim)
    {
        CheckShape(batchSize, inputDim, outputDim);
        Gemm.CheckLength(inputs.Length, (long)batchSize * inputDim, nameof(inputs));
        Gemm.CheckLength(weights.Length, (long)outputDim * inputDim, nameof(weights));
        Gemm.CheckLength(biases.Length, outputDim, nameof(biases));
        Gemm.CheckLength(outputs.Length, (long)batchSize * outputDim, nameof(outputs));
        Gemm.MultiplyTransposed(inputs, weights, biases[..outputDim], outputs, batchSize, outputDim, inputDim);
    }

    /// <summary><c>gradsWrtInputs(batch, inputDim) = gradsWrtOutputs(batch, outputDim) · weights</c>.</summary>
    public static void BackwardInputs(ReadOnlySpan<float> gradsWrtOutputs, ReadOnlySpan<float> weights, Span<float> gradsWrtInputs, int batchSize, int inputDim, int outputDim)
    {
        CheckShape(batchSize, inputDim, outputDim);
        Gemm.CheckLength(gradsWrtOutputs.Length, (long)batchSize * outputDim, nameof(gradsWrtOutputs));
        Gemm.CheckLength(weights.Length, (long)outputDim * inputDim, nameof(weights));
        Gemm.CheckLength(gradsWrtInputs.Length, (long)batchSize * inputDim, nameof(gradsWrtInputs));
        Gemm.Multiply(gradsWrtOutputs, outputDim, 1, weights, gradsWrtInputs, batchSize, inputDim, outputDim);
    }

    /// <summary>
    /// <c>gradsWrtWeights(outputDim, inputDim) = gradsWrtOutputsᵀ · inputs</c> and
    /// <c>gradsWrtBiases(outputDim) = Σ_batch gradsWrtOutputs</c>; both are overwritten.
    /// </summary>
    public static void BackwardParameters(ReadOnlySpan<float> gradsWrtOutputs, ReadOnlySpan<float> inputs, Span<float> gradsWrtWeights, Span<float> gradsWrtBiases, int batchSize, int inputDim, int outputDim)
    {
        CheckShape(batchSize, inputDim, outputDim);
        Gemm.CheckLength(gradsWrtOutputs.Length, (long)batchSize * outputDim, nameof(gradsWrtOutputs));
        Gemm.CheckLength(inputs.Length, (long)batchSize * inputDim, nameof(inputs));
        Gemm.CheckLength(gradsWrtWeights.Length, (long)outputDim * inputDim, nameof(gradsWrtWeights));
        Gemm.CheckLength(gradsWrtBiases.Length, outputDim, nameof(gradsWrtBiases));
        Gemm.Multiply(gradsWrtOutputs, 1, outputDim, inputs, gradsWrtWeights, outputDim, inputDim, batchSize);
        SumRows(gradsWrtOutputs[..(batchSize * outputDim)], gradsWrtBiases[..outputDim], outputDim);
    }

    /// <summary>
    /// Writes the column sums of the row-major <paramref name="matrix"/> into <paramref name="sums"/>, each
    /// summed over the rows in order. Four vectors of columns at a time stay in registers down the rows.
    /// </summary>
    public static unsafe void SumRows(ReadOnlySpan<float> matrix, Span<float> sums, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (matrix.Length % width != 0)
            throw new ArgumentException($"Expected whole rows of {width} values but got {matrix.Length}.", nameof(matrix));
        Gemm.CheckLength(sums.Length, width, nameof(sums));
        int rows = matrix.Length / width;
        fixed (float* m = matrix, s = sums)
        {
            // Cut into blocks of columns fixed by the width; each column is summed down the rows in order either way.
            var job = new SumRowsJob(m, s, rows, width);
            int threads = KernelWorker.ThreadsFor((long)rows * width);
            if (threads > 1 && job.Parts > 1)
                KernelWorker.RunShared(ref job, threads);
            else
                SumColumns(m, s, rows, width, 0, width);
        }
    }

    // Column sums of columns j0..j1 (each over the rows in order, vector lanes and scalars alike).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SumColumns(float* matrix, float* sums, int rows, int width, int j0, int j1)
    {
        int w = Vector<float>.Count;
        ref float m0 = ref Unsafe.AsRef<float>(matrix);
        ref float s0 = ref Unsafe.AsRef<float>(sums);
        int j = j0;
        for (; j + 4 * w <= j1; j += 4 * w)
        {
            Vector<float> t0 = default, t1 = default, t2 = default, t3 = default;
            ref float column = ref Unsafe.Add(ref m0, j);
            for (int r = 0; r < rows; r++)
            {
                ref float row = ref Unsafe.Add(ref column, r * width);
                t0 += Vector.LoadUnsafe(ref row);
                t1 += Vector.LoadUnsafe(ref row, (nuint)w);
                t2 += Vector.LoadUnsafe(ref row, (nuint)(2 * w));
                t3 += Vector.LoadUnsafe(ref row, (nuint)(3 * w));
            }
            t0.StoreUnsafe(ref s0, (nuint)j);
            t1.StoreUnsafe(ref s0, (nuint)(j + w));
            t2.StoreUnsafe(ref s0, (nuint)(j + 2 * w));
            t3.StoreUnsafe(ref s0, (nuint)(j + 3 * w));
        }
        for (; j + w <= j1; j += w)
        {
            Vector<float> t = default;
            for (int r = 0; r < rows; r++)
                t += Vector.LoadUnsafe(ref m0, (nuint)(r * width + j));
            t.StoreUnsafe(ref s0, (nuint)j);
        }
        for (; j < j1; j++)
        {
            float t = 0f;
            for (int r = 0; r < rows; r++)
                t += Unsafe.Add(ref m0, r * width + j);
            Unsafe.Add(ref s0, j) = t;
        }
    }

    private readonly unsafe struct SumRowsJob(float* matrix, float* sums, int rows, int width) : ISharedJob
    {
        // Blocks of at least 64 columns (whole cache lines of every row), at least MinPartLength elements each.
        private const int MinColumns = 64;

        public int Parts => FeatureSplit.EvenParts(width / Math.Max(MinColumns, ElementwisePartition.MinPartLength / Math.Max(rows, 1)));

        public void Run(int part, object? target)
        {
            int parts = Parts;
            SumColumns(matrix, sums, rows, width, FeatureSplit.Start(width, parts, part, 16), FeatureSplit.Start(width, parts, part + 1, 16));
        }
    }

    private static void CheckShape(int batchSize, int inputDim, int outputDim)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputDim);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputDim);
    }
}
