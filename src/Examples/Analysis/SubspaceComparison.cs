using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Mlp.Examples.Pca;

namespace Mlp.Examples.Analysis;

/// <summary>The principal angles of exercise 1's code to PCA's top components at one statistics epoch.</summary>
/// <param name="Epoch">The epoch; 0 is the initial model.</param>
/// <param name="Encoder">Between the span of the encoder's weight rows and the components' span.</param>
/// <param name="Codes">
/// Between the codes and the components' scores on the training data: the encoder's rows as the data see them (each
/// direction weighted by the data's standard deviation along it). Their cosines are the canonical correlations between
/// the 50 codes and the top components' scores; directions the images never vary along weigh nothing.
/// </param>
/// <param name="Decoder">Between the span of the decoder's weight columns and the components' span.</param>
public sealed record EpochAngles(int Epoch, PrincipalAngles Encoder, PrincipalAngles Codes, PrincipalAngles Decoder);

/// <summary>
/// The notebook's question after the PCA extension, measured: does gradient descent on the linear autoencoder find the
/// same hidden representation as PCA? Whether its code spans the same subspace as the top principal components
/// (principal angles of the decoder's columns, of the encoder's rows, and of the codes the encoder computes on the
/// data, per statistics epoch), and whether its units are the components themselves or mixtures of them (the
/// correlations between each unit's code and each component's score).
/// </summary>
/// <param name="Components">The number of principal components compared with.</param>
/// <param name="ByEpoch">The angles at every statistics epoch, in order.</param>
/// <param name="ComponentAngles">Per top component, the angle between its score and the span of the final codes (cosine: the multiple correlation).</param>
/// <param name="Units">The final codes against the components' scores: absolute correlations, units by components.</param>
/// <param name="UnvaryingShare">The share of the final encoder's squared weights along directions in which the training images do not vary.</param>
/// <param name="LastGap">How much less the training images vary along the first discarded component than along the last kept one, as a fraction of the latter (NaN when none is discarded).</param>
public sealed record SubspaceComparison(int Components, IReadOnlyList<EpochAngles> ByEpoch, IReadOnlyList<double> ComponentAngles, UnitCosines Units,
    double UnvaryingShare, double LastGap)
{
    /// <summary>A subspace within this largest angle of another counts as the same.</summary>
    public const double SameDegrees = 10;

    /// <summary>A unit whose best-matched correlation reaches this is taken to be that component.</summary>
    public const double SameDirectionCosine = 0.9;

    /// <summary>Directions whose variance is at most this fraction of the largest count as ones the images do not vary along.</summary>
    public const double UnvaryingVariance = 1e-10;

    /// <summary>The angles after the last epoch.</summary>
    public EpochAngles Final => ByEpoch[^1];

    /// <summary>Compares every snapshot with <paramref name="pca"/>'s components.</summary>
    /// <param name="snapshots">Exercise 1's code at each statistics epoch, at least one, in order.</param>
    /// <param name="pca">The fitted components, of the snapshots' dimension.</param>
    /// <param name="threads">How many epochs to compare at once; the results do not depend on it.</param>
    public static SubspaceComparison Compute(IReadOnlyList<LinearCodeSnapshot> snapshots, PrincipalComponents pca, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        ArgumentNullException.ThrowIfNull(pca);
        if (snapshots.Count == 0)
            throw new ArgumentException("There is no snapshot of the linear code to compare.", nameof(snapshots));
        int k = pca.ComponentCount, d = pca.Dimension;
        ReadOnlySpan<double> components = pca.Components;
        // In the components' coordinates the top k components are the first k axes.
        var axes = new double[k * d];
        for (int j = 0; j < k; j++)
            axes[j * d + j] = 1;
        foreach (LinearCodeSnapshot s in snapshots)
            if (s.Dimension != d)
                throw new ArgumentException($"The snapshot of epoch {s.Epoch} has {s.Dimension} pixels, PCA {d}.", nameof(snapshots));
        // Epochs are independent: spread them over the threads (each epoch's figures are computed the same way either way).
        var byEpoch = new EpochAngles[snapshots.Count];
        var codesByEpoch = new double[snapshots.Count][];
        double[] allComponents = pca.AllComponents.ToArray(), componentArray = components.ToArray();
        Parallel.For(0, snapshots.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, e =>
        {
            LinearCodeSnapshot s = snapshots[e];
            codesByEpoch[e] = CodeDirections(s, allComponents, pca.Eigenvalues.ToArray(), out _);
            byEpoch[e] = new EpochAngles(s.Epoch,
                PrincipalAngles.Between(s.Encoder, s.Units, componentArray, k, d),
                PrincipalAngles.Between(codesByEpoch[e], s.Units, axes, k, d),
                PrincipalAngles.Between(s.Decoder, s.Units, componentArray, k, d));
        });
        double[] codes = codesByEpoch[^1];
        LinearCodeSnapshot last = snapshots[^1];
        CodeDirections(last, allComponents, pca.Eigenvalues.ToArray(), out double unvarying);
        return new SubspaceComparison(k, byEpoch,
            PrincipalAngles.OfVectors(axes, k, codes, last.Units, d),
            UnitCosines.Between(codes, last.Units, axes, k, d),
            unvarying,
            k < d ? (pca.Eigenvalues[k - 1] - pca.Eigenvalues[k]) / pca.Eigenvalues[k - 1] : double.NaN);
    }

    // The encoder's rows in the components' coordinates, each coordinate times the data's standard deviation along it:
    // row i is then the covariance of unit i's code with the whitened component scores, so cosines with the axes are
    // correlations. Also the share of the squared weights along directions of no variance.
    private static double[] CodeDirections(LinearCodeSnapshot snapshot, double[] allComponents, double[] eigenvalues, out double unvaryingShare)
    {
        int d = snapshot.Dimension, u = snapshot.Units;
        // Row-major (rows, columns) arrays read column-major are the transposes: eigenvectors as columns, encoder rows as columns.
        Matrix<double> eigenvectors = Matrix<double>.Build.Dense(d, d, allComponents);
        Matrix<double> encoderColumns = Matrix<double>.Build.Dense(d, u, snapshot.Encoder.ToArray());
        double[] projections = eigenvectors.TransposeThisAndMultiply(encoderColumns).ToColumnMajorArray();   // (u, d) row-major: w_i · v_j
        double floor = UnvaryingVariance * eigenvalues[0], all = 0, unvarying = 0;
        for (int i = 0; i < u; i++)
            for (int j = 0; j < d; j++)
            {
                double p = projections[i * d + j], squared = p * p;
                all += squared;
                if (eigenvalues[j] <= floor)
                    unvarying += squared;
                projections[i * d + j] = p * Math.Sqrt(Math.Max(eigenvalues[j], 0));
            }
        unvaryingShare = all == 0 ? 0 : unvarying / all;
        return projections;
    }

    /// <summary>The answer in words, every figure from the measurements.</summary>
    public string Answer()
    {
        EpochAngles first = ByEpoch[0], last = Final;
        var text = new List<string>();
        text.Add(Invariant($"After {last.Epoch} epochs, the codes the linear autoencoder computes span the same subspace as the top {Components} principal components' scores {Within(last.Codes)}, and its decoder's columns span theirs {Within(last.Decoder)}{Worst()}."));
        text.Add(Invariant($"The codes' mean angle fell from {first.Codes.Mean:F1}° at epoch {first.Epoch} to {last.Codes.Mean:F1}°."));
        text.Add(Invariant($"Its raw encoder rows lie further away (mean {last.Encoder.Mean:F1}°, largest {last.Encoder.Largest:F1}°): {100 * UnvaryingShare:F0}% of their squared weights lie along directions in which the training images do not vary at all, where a weight changes no code except by a constant, so training has no reason to remove them."));
        IReadOnlyList<double> best = Units.BestMatch;
        int same = best.Count(b => b >= SameDirectionCosine);
        string matches = Invariant($"a unit's code correlates with its best-matched component's score at |r| {best.Average():F2} on average (from {best.Min():F2} to {best.Max():F2}), and {same} of {Units.Units} units reach {SameDirectionCosine:F1}");
        text.Add(same == Units.Units
            ? $"Its units are the principal components themselves, up to sign and scale: {matches}."
            : $"But its units are not the components themselves; they are mixtures of them (a rotation within the subspace): {matches}.");
        return string.Join(" ", text);
    }

    // E.g. "to within 3.1° (mean principal angle 1.2°)" or "to within 10° in 49 of 50 directions (mean 3.3°, largest 85.9°)".
    private static string Within(PrincipalAngles angles)
    {
        int off = angles.Degrees.Count(a => a > SameDegrees), n = angles.Degrees.Count;
        return off == 0
            ? Invariant($"to within {angles.Largest:F1}° (mean principal angle {angles.Mean:F1}°)")
            : Invariant($"to within {SameDegrees:F0}° in {n - off} of {n} directions (mean principal angle {angles.Mean:F1}°, largest {angles.Largest:F1}°)");
    }

    // The components whose scores the codes hold worst, e.g. "; the worst held component scores are 48 (31.2°), 50 (40.5°)".
    private string Worst()
    {
        var worst = Enumerable.Range(0, ComponentAngles.Count).Where(c => ComponentAngles[c] > SameDegrees)
            .OrderByDescending(c => ComponentAngles[c]).Take(3).OrderBy(c => c).ToList();
        if (worst.Count == 0)
            return "";
        string text = "; the components whose scores the codes hold worst are " + string.Join(", ", worst.Select(c => Invariant($"{c + 1} ({ComponentAngles[c]:F1}°)")));
        if (worst.Contains(Components - 1) && double.IsFinite(LastGap))
            text += Invariant($", and the images vary only {100 * LastGap:F1}% less along component {Components + 1}, the first one PCA discards, than along component {Components}");
        return text;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
