using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>The affine layer <c>y = x Wᵀ + b</c> with weights <c>(outputDim, inputDim)</c>, forward and backward.</summary>
public static class AffineKernel
{
    /// <summary><c>outputs(batch, outputDim) = inputs(batch, inputDim) · weightsᵀ + biases</c>.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> outputs, int batchSize, int inputDim, int outputDim)
    {
        Gemm.MultiplyTransposed(inputs, weights, outputs, batchSize, outputDim, inputDim);
        AddRowVector(outputs[..(batchSize * outputDim)], biases[..outputDim], outputDim);
    }

    /// <summary><c>gradsWrtInputs(batch, inputDim) = gradsWrtOutputs(batch, outputDim) · weights</c>.</summary>
    public static void BackwardInputs(ReadOnlySpan<float> gradsWrtOutputs, ReadOnlySpan<float> weights, Span<float> gradsWrtInputs, int batchSize, int inputDim, int outputDim) =>
        Gemm.Multiply(gradsWrtOutputs, outputDim, 1, weights, gradsWrtInputs, batchSize, inputDim, outputDim);

    /// <summary>
    /// <c>gradsWrtWeights(outputDim, inputDim) = gradsWrtOutputsᵀ · inputs</c> and
    /// <c>gradsWrtBiases(outputDim) = Σ_batch gradsWrtOutputs</c>; both are overwritten.
    /// </summary>
    public static void BackwardParameters(ReadOnlySpan<float> gradsWrtOutputs, ReadOnlySpan<float> inputs, Span<float> gradsWrtWeights, Span<float> gradsWrtBiases, int batchSize, int inputDim, int outputDim)
    {
        Gemm.Multiply(gradsWrtOutputs, 1, outputDim, inputs, gradsWrtWeights, outputDim, inputDim, batchSize);
        SumRows(gradsWrtOutputs[..(batchSize * outputDim)], gradsWrtBiases[..outputDim], outputDim);
    }

    /// <summary>Adds <paramref name="row"/> to every row of the row-major <paramref name="matrix"/>.</summary>
    public static void AddRowVector(Span<float> matrix, ReadOnlySpan<float> row, int width)
    {
        int w = Vector<float>.Count;
        ref float r0 = ref MemoryMarshal.GetReference(row);
        for (int start = 0; start < matrix.Length; start += width)
        {
            ref float m0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), start);
            int j = 0;
            for (; j + w <= width; j += w)
                (Vector.LoadUnsafe(ref m0, (nuint)j) + Vector.LoadUnsafe(ref r0, (nuint)j)).StoreUnsafe(ref m0, (nuint)j);
            for (; j < width; j++)
                Unsafe.Add(ref m0, j) += Unsafe.Add(ref r0, j);
        }
    }

    /// <summary>Writes the column sums of the row-major <paramref name="matrix"/> into <paramref name="sums"/>.</summary>
    public static void SumRows(ReadOnlySpan<float> matrix, Span<float> sums, int width)
    {
        sums[..width].Clear();
        int w = Vector<float>.Count;
        ref float s0 = ref MemoryMarshal.GetReference(sums);
        for (int start = 0; start < matrix.Length; start += width)
        {
            ref float m0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), start);
            int j = 0;
            for (; j + w <= width; j += w)
                (Vector.LoadUnsafe(ref s0, (nuint)j) + Vector.LoadUnsafe(ref m0, (nuint)j)).StoreUnsafe(ref s0, (nuint)j);
            for (; j < width; j++)
                Unsafe.Add(ref s0, j) += Unsafe.Add(ref m0, j);
        }
    }
}
