using System.Diagnostics;
using System.Numerics;

namespace Mlp.Examples.Pca;

/// <summary>
/// The top principal components of a data set: the analytic optimum of a linear autoencoder with
/// <see cref="ComponentCount"/> hidden units under the sum-of-squared-differences error.
/// Reconstructions are <c>V Vᵀ (x − μ) + μ</c> with the components as the rows of <c>Vᵀ</c>.
/// </summary>
public sealed class PrincipalComponents
{
    // Examples per unit of parallel work in the reconstruction passes: fixed, so sums do not depend on the thread count.
    private const int ChunkExamples = 1000;

    private readonly double[] _mean;
    private readonly double[] _components;
    private readonly double[] _allComponents;
    private readonly double[] _eigenvalues;

    private PrincipalComponents(double[] mean, double[] allComponents, double[] eigenvalues, int componentCount, PcaFitTimes times)
    {
        _allComponents = allComponents;
        double[] components = allComponents.AsSpan(0, componentCount * mean.Length).ToArray();
        _mean = mean;
        _components = components;
        _eigenvalues = eigenvalues;
        ComponentCount = componentCount;
        FitTimes = times;
    }

    /// <summary>The number of features of an example.</summary>
    public int Dimension => _mean.Length;

    /// <summary>The number of components kept.</summary>
    public int ComponentCount { get; }

    /// <summary>The mean <c>μ</c> of the training examples, one value per feature.</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>The kept components, unit vectors in rows, row-major <c>(ComponentCount, Dimension)</c>, by decreasing eigenvalue.</summary>
    public ReadOnlySpan<double> Components => _components;

    /// <summary>
    /// Every eigenvector of the training covariance, unit vectors in rows, row-major <c>(Dimension, Dimension)</c>, in
    /// the order of <see cref="Eigenvalues"/>: the kept components first, then the discarded ones.
    /// </summary>
    public ReadOnlySpan<double> AllComponents => _allComponents;

    /// <summary>Every eigenvalue of the training covariance (normalised by the example count), in decreasing order.</summary>
    public ReadOnlySpan<double> Eigenvalues => _eigenvalues;

    /// <summary>Half the sum of the discarded eigenvalues: what the course's error on the training set must equal.</summary>
    public double HalfDiscardedVariance
    {
        get
        {
            double sum = 0;
            for (int i = ComponentCount; i < _eigenvalues.Length; i++)
                sum += _eigenvalues[i];
            return 0.5 * sum;
        }
    }

    /// <summary>How long the fit's two stages took.</summary>
    public PcaFitTimes FitTimes { get; }

    /// <summary>
    /// Fits the top <paramref name="componentCount"/> principal components of <paramref name="data"/>: the mean, the covariance
    /// normalised by <paramref name="count"/> (<see cref="Covariance"/>), then its symmetric eigendecomposition.
    /// </summary>
    /// <param name="data">The training examples, row-major <c>(count, dimension)</c>.</param>
    /// <param name="count">The number of examples, at least 1.</param>
    /// <param name="dimension">The number of features, at least 1.</param>
    /// <param name="componentCount">How many components to keep, from 1 to <paramref name="dimension"/>.</param>
    /// <param name="threads">How many threads compute the covariance, at least 1.</param>
    public static PrincipalComponents Fit(ReadOnlyMemory<float> data, int count, int dimension, int componentCount, int threads = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(componentCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(componentCount, dimension);

        var clock = Stopwatch.StartNew();
        var mean = new double[dimension];
        var covariance = new double[dimension * dimension];
        Covariance.Compute(data, count, dimension, mean, covariance, threads);
        var covarianceTime = clock.Elapsed;

        clock.Restart();
        var (eigenvalues, vectors) = SymmetricEigen.Decompose(covariance, dimension);
        var eigenTime = clock.Elapsed;

        return new PrincipalComponents(mean, vectors, eigenvalues, componentCount, new PcaFitTimes(covarianceTime, eigenTime));
    }

    /// <summary>Reconstructs examples, <c>V Vᵀ (x − μ) + μ</c>, computed in double and rounded to float for display.</summary>
    /// <param name="inputs">The examples, row-major <c>(count, Dimension)</c>.</param>
    /// <param name="count">The number of examples.</param>
    /// <param name="outputs">Receives the reconstructions, row-major <c>(count, Dimension)</c>.</param>
    public void Reconstruct(ReadOnlySpan<float> inputs, int count, Span<float> outputs)
    {
        CheckBatch(inputs.Length, count, nameof(inputs));
        if (outputs.Length != inputs.Length)
            throw new ArgumentException($"Expected {inputs.Length} values, got {outputs.Length}.", nameof(outputs));
        var scratch = new Scratch(Dimension, ComponentCount);
        for (int e = 0; e < count; e++)
        {
            ReconstructCentred(inputs.Slice(e * Dimension, Dimension), scratch);
            Span<float> output = outputs.Slice(e * Dimension, Dimension);
            for (int j = 0; j < Dimension; j++)
                output[j] = (float)(scratch.Reconstruction[j] + _mean[j]);
        }
    }

    /// <summary>
    /// The course's sum-of-squared-differences error of the reconstructions: <c>0.5 · mean over examples of Σ over
    /// features (x̂ − x)²</c>, accumulated in double.
    /// </summary>
    /// <param name="inputs">The examples, row-major <c>(count, Dimension)</c>.</param>
    /// <param name="count">The number of examples, at least 1.</param>
    /// <param name="threads">How many threads share the examples, at least 1; the result does not depend on it.</param>
    public double ReconstructionError(ReadOnlyMemory<float> inputs, int count, int threads = 1)
    {
        CheckBatch(inputs.Length, count, nameof(inputs));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        int chunks = (count + ChunkExamples - 1) / ChunkExamples;
        var partial = new double[chunks];
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new Scratch(Dimension, ComponentCount),
            (chunk, _, scratch) =>
            {
                int first = chunk * ChunkExamples, last = Math.Min(count, first + ChunkExamples);
                double sum = 0;
                for (int e = first; e < last; e++)
                {
                    ReconstructCentred(inputs.Span.Slice(e * Dimension, Dimension), scratch);
                    sum += SquaredDistance(scratch.Reconstruction, scratch.Centred);
                }
                partial[chunk] = sum;
                return scratch;
            },
            _ => { });
        double total = 0;
        foreach (double sum in partial)
            total += sum;
        return 0.5 * total / count;
    }

    // Leaves x − μ in scratch.Centred and V Vᵀ (x − μ) in scratch.Reconstruction.
    private void ReconstructCentred(ReadOnlySpan<float> input, Scratch scratch)
    {
        int d = Dimension;
        Span<double> centred = scratch.Centred, reconstruction = scratch.Reconstruction, codes = scratch.Codes;
        for (int j = 0; j < d; j++)
            centred[j] = input[j] - _mean[j];
        int c = 0;
        // Four components at a time: four independent sums hide the FMA latency and share each load of x − μ.
        for (; c + 4 <= ComponentCount; c += 4)
            Dot4(_components.AsSpan(c * d, 4 * d), centred, codes.Slice(c, 4));
        for (; c < ComponentCount; c++)
            codes[c] = Dot(_components.AsSpan(c * d, d), centred);
        reconstruction.Clear();
        c = 0;
        for (; c + 4 <= ComponentCount; c += 4)
            AddScaled4(reconstruction, _components.AsSpan(c * d, 4 * d), codes.Slice(c, 4));
        for (; c < ComponentCount; c++)
            AddScaled(reconstruction, _components.AsSpan(c * d, d), codes[c]);
    }

    private static void Dot4(ReadOnlySpan<double> rows, ReadOnlySpan<double> x, Span<double> sums)
    {
        int d = x.Length, w = Vector<double>.Count, j = 0;
        ReadOnlySpan<double> r0 = rows[..d], r1 = rows.Slice(d, d), r2 = rows.Slice(2 * d, d), r3 = rows.Slice(3 * d, d);
        Vector<double> s0 = default, s1 = default, s2 = default, s3 = default;
        for (; j + w <= d; j += w)
        {
            var v = new Vector<double>(x[j..]);
            s0 = Vector.FusedMultiplyAdd(new Vector<double>(r0[j..]), v, s0);
            s1 = Vector.FusedMultiplyAdd(new Vector<double>(r1[j..]), v, s1);
            s2 = Vector.FusedMultiplyAdd(new Vector<double>(r2[j..]), v, s2);
            s3 = Vector.FusedMultiplyAdd(new Vector<double>(r3[j..]), v, s3);
        }
        double t0 = Vector.Sum(s0), t1 = Vector.Sum(s1), t2 = Vector.Sum(s2), t3 = Vector.Sum(s3);
        for (; j < d; j++)
        {
            t0 += r0[j] * x[j];
            t1 += r1[j] * x[j];
            t2 += r2[j] * x[j];
            t3 += r3[j] * x[j];
        }
        sums[0] = t0;
        sums[1] = t1;
        sums[2] = t2;
        sums[3] = t3;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int w = Vector<double>.Count, j = 0;
        Vector<double> s = default;
        for (; j + w <= a.Length; j += w)
            s = Vector.FusedMultiplyAdd(new Vector<double>(a[j..]), new Vector<double>(b[j..]), s);
        double sum = Vector.Sum(s);
        for (; j < a.Length; j++)
            sum += a[j] * b[j];
        return sum;
    }

    private static void AddScaled4(Span<double> target, ReadOnlySpan<double> rows, ReadOnlySpan<double> scales)
    {
        int d = target.Length, w = Vector<double>.Count, j = 0;
        ReadOnlySpan<double> r0 = rows[..d], r1 = rows.Slice(d, d), r2 = rows.Slice(2 * d, d), r3 = rows.Slice(3 * d, d);
        var k0 = new Vector<double>(scales[0]);
        var k1 = new Vector<double>(scales[1]);
        var k2 = new Vector<double>(scales[2]);
        var k3 = new Vector<double>(scales[3]);
        for (; j + w <= d; j += w)
        {
            var t = new Vector<double>(target[j..]);
            t = Vector.FusedMultiplyAdd(k0, new Vector<double>(r0[j..]), t);
            t = Vector.FusedMultiplyAdd(k1, new Vector<double>(r1[j..]), t);
            t = Vector.FusedMultiplyAdd(k2, new Vector<double>(r2[j..]), t);
            t = Vector.FusedMultiplyAdd(k3, new Vector<double>(r3[j..]), t);
            t.CopyTo(target[j..]);
        }
        for (; j < d; j++)
            target[j] += scales[0] * r0[j] + scales[1] * r1[j] + scales[2] * r2[j] + scales[3] * r3[j];
    }

    private static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double scale)
    {
        int w = Vector<double>.Count, j = 0;
        var s = new Vector<double>(scale);
        for (; j + w <= target.Length; j += w)
            Vector.FusedMultiplyAdd(s, new Vector<double>(source[j..]), new Vector<double>(target[j..])).CopyTo(target[j..]);
        for (; j < target.Length; j++)
            target[j] += scale * source[j];
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int w = Vector<double>.Count, j = 0;
        Vector<double> s = default;
        for (; j + w <= a.Length; j += w)
        {
            var diff = new Vector<double>(a[j..]) - new Vector<double>(b[j..]);
            s = Vector.FusedMultiplyAdd(diff, diff, s);
        }
        double sum = Vector.Sum(s);
        for (; j < a.Length; j++)
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        return sum;
    }

    private void CheckBatch(int length, int count, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (length != (long)count * Dimension)
            throw new ArgumentException($"Expected {(long)count * Dimension} values ({count} × {Dimension}), got {length}.", name);
    }

    private sealed class Scratch(int dimension, int components)
    {
        public double[] Codes { get; } = new double[components];
        public double[] Centred { get; } = new double[dimension];
        public double[] Reconstruction { get; } = new double[dimension];
    }
}
