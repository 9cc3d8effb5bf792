using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Examples.Pca;

/// <summary>
/// The mean and the covariance (normalised by the number of examples) of a float data set, row-major
/// <c>(count, dimension)</c>, computed in double precision with a blocked SIMD kernel.
/// </summary>
/// <remarks>
/// The covariance is <c>Xcᵀ·Xc / n</c> with <c>Xc</c> the centred data, all in double as the course's NumPy reference
/// computes it: float data minus a double mean is centred without rounding to float, so small eigenvalues (what PCA
/// discards) are not drowned by float rounding of the large ones. Rows are centred in blocks of <see cref="BlockRows"/>
/// that stay in a core's L2 cache; each 4 × (2 vectors) tile of the upper triangle accumulates in registers over a
/// block (fused multiply-adds on <see cref="Vector{T}"/> of double), then adds into the result. Threads own disjoint
/// tiles and visit the blocks in the same order, so the result does not depend on the thread count.
/// </remarks>
public static class Covariance
{
    /// <summary>Rows centred and accumulated per block: 64 rows of 784 doubles (400 KB) fit a Zen 3 core's L2.</summary>
    public const int BlockRows = 64;

    private const int TileRows = 4;

    /// <summary>Computes the per-feature mean and the covariance matrix of <paramref name="data"/>.</summary>
    /// <param name="data">The examples, row-major <c>(count, dimension)</c>.</param>
    /// <param name="count">The number of examples (rows), at least 1.</param>
    /// <param name="dimension">The number of features (columns), at least 1.</param>
    /// <param name="mean">Receives the <paramref name="dimension"/> column means.</param>
    /// <param name="covariance">Receives the symmetric <c>(dimension, dimension)</c> covariance, row-major, normalised by <paramref name="count"/>.</param>
    /// <param name="threads">How many threads share the work, at least 1.</param>
    public static void Compute(ReadOnlyMemory<float> data, int count, int dimension, Span<double> mean, Span<double> covariance, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (data.Length != (long)count * dimension)
            throw new ArgumentException($"Expected {(long)count * dimension} values ({count} × {dimension}), got {data.Length}.", nameof(data));
        if (mean.Length != dimension)
            throw new ArgumentException($"Expected {dimension} values, got {mean.Length}.", nameof(mean));
        if (covariance.Length != (long)dimension * dimension)
            throw new ArgumentException($"Expected {(long)dimension * dimension} values, got {covariance.Length}.", nameof(covariance));

        ComputeMean(data.Span, count, dimension, mean);

        // Pad the width to whole tiles: padded columns stay zero, so every tile runs the one fast path.
        int chunk = 2 * Vector<double>.Count;
        int padded = (dimension + chunk - 1) / chunk * chunk;
        var sums = new double[(long)padded * padded];
        var meanCopy = mean.ToArray();
        var tiles = UpperTriangleTiles(padded, chunk);
        int workers = Math.Min(threads, tiles.Length);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            int first = (int)((long)tiles.Length * worker / workers);
            int last = (int)((long)tiles.Length * (worker + 1) / workers);
            AccumulateTiles(data, count, dimension, padded, meanCopy, tiles.AsSpan(first, last - first), sums);
        });

        double scale = 1.0 / count;
        for (int i = 0; i < dimension; i++)
            for (int j = i; j < dimension; j++)
            {
                double value = sums[(long)i * padded + j] * scale;
                covariance[i * dimension + j] = value;
                covariance[j * dimension + i] = value;
            }
    }

    private static void ComputeMean(ReadOnlySpan<float> data, int count, int dimension, Span<double> mean)
    {
        var sums = new double[dimension];
        int w = Vector<float>.Count;
        for (int r = 0; r < count; r++)
        {
            ReadOnlySpan<float> row = data.Slice(r * dimension, dimension);
            int j = 0;
            for (; j + w <= dimension; j += w)
            {
                Vector.Widen(new Vector<float>(row[j..]), out Vector<double> low, out Vector<double> high);
                (new Vector<double>(sums.AsSpan(j)) + low).CopyTo(sums.AsSpan(j));
                (new Vector<double>(sums.AsSpan(j + w / 2)) + high).CopyTo(sums.AsSpan(j + w / 2));
            }
            for (; j < dimension; j++)
                sums[j] += row[j];
        }
        for (int j = 0; j < dimension; j++)
            mean[j] = sums[j] / count;
    }

    // Tiles (first row, first column) covering the upper triangle: rows i..i+3, columns j..j+chunk-1, j ≥ the chunk holding i.
    private static (int Row, int Column)[] UpperTriangleTiles(int padded, int chunk)
    {
        var tiles = new List<(int, int)>();
        for (int i = 0; i < padded; i += TileRows)
            for (int j = i / chunk * chunk; j < padded; j += chunk)
                tiles.Add((i, j));
        return tiles.ToArray();
    }

    private static void AccumulateTiles(ReadOnlyMemory<float> data, int count, int dimension, int padded, double[] mean,
        ReadOnlySpan<(int Row, int Column)> tiles, double[] sums)
    {
        var block = new double[BlockRows * padded];
        for (int start = 0; start < count; start += BlockRows)
        {
            int rows = Math.Min(BlockRows, count - start);
            CentreBlock(data.Span.Slice(start * dimension, rows * dimension), rows, dimension, padded, mean, block);
            foreach (var (row, column) in tiles)
                Tile(block, rows, padded, row, column, sums);
        }
    }

    private static void CentreBlock(ReadOnlySpan<float> source, int rows, int dimension, int padded, double[] mean, double[] block)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = source.Slice(r * dimension, dimension);
            Span<double> target = block.AsSpan(r * padded, padded);
            int w = Vector<float>.Count, j = 0;
            for (; j + w <= dimension; j += w)
            {
                Vector.Widen(new Vector<float>(row[j..]), out Vector<double> low, out Vector<double> high);
                (low - new Vector<double>(mean.AsSpan(j))).CopyTo(target[j..]);
                (high - new Vector<double>(mean.AsSpan(j + w / 2))).CopyTo(target[(j + w / 2)..]);
            }
            for (; j < dimension; j++)
                target[j] = row[j] - mean[j];
        }
    }

    // sums[row..row+3, column..column+2w) += Σ over the block's rows of x[r, row + a] · x[r, column..].
    private static void Tile(double[] block, int rows, int padded, int row, int column, double[] sums)
    {
        int w = Vector<double>.Count;
        ref double b = ref MemoryMarshal.GetArrayDataReference(block);
        Vector<double> s00 = default, s01 = default, s10 = default, s11 = default;
        Vector<double> s20 = default, s21 = default, s30 = default, s31 = default;
        for (int r = 0; r < rows; r++)
        {
            ref double line = ref Unsafe.Add(ref b, r * padded);
            var v0 = Vector.LoadUnsafe(ref line, (nuint)column);
            var v1 = Vector.LoadUnsafe(ref line, (nuint)(column + w));
            var a0 = new Vector<double>(Unsafe.Add(ref line, row));
            var a1 = new Vector<double>(Unsafe.Add(ref line, row + 1));
            var a2 = new Vector<double>(Unsafe.Add(ref line, row + 2));
            var a3 = new Vector<double>(Unsafe.Add(ref line, row + 3));
            s00 = Vector.FusedMultiplyAdd(a0, v0, s00);
            s01 = Vector.FusedMultiplyAdd(a0, v1, s01);
            s10 = Vector.FusedMultiplyAdd(a1, v0, s10);
            s11 = Vector.FusedMultiplyAdd(a1, v1, s11);
            s20 = Vector.FusedMultiplyAdd(a2, v0, s20);
            s21 = Vector.FusedMultiplyAdd(a2, v1, s21);
            s30 = Vector.FusedMultiplyAdd(a3, v0, s30);
            s31 = Vector.FusedMultiplyAdd(a3, v1, s31);
        }
        ref double c = ref MemoryMarshal.GetArrayDataReference(sums);
        Add(ref Unsafe.Add(ref c, (nint)row * padded + column), s00, s01);
        Add(ref Unsafe.Add(ref c, (nint)(row + 1) * padded + column), s10, s11);
        Add(ref Unsafe.Add(ref c, (nint)(row + 2) * padded + column), s20, s21);
        Add(ref Unsafe.Add(ref c, (nint)(row + 3) * padded + column), s30, s31);
    }

    private static void Add(ref double target, Vector<double> first, Vector<double> second)
    {
        int w = Vector<double>.Count;
        (Vector.LoadUnsafe(ref target) + first).StoreUnsafe(ref target);
        (Vector.LoadUnsafe(ref target, (nuint)w) + second).StoreUnsafe(ref target, (nuint)w);
    }
}
