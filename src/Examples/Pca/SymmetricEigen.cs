using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Mlp.Examples.Pca;

/// <summary>The eigendecomposition of a real symmetric matrix, by MathNet.Numerics, sorted by decreasing eigenvalue.</summary>
internal static class SymmetricEigen
{
    /// <summary>
    /// Decomposes the symmetric <paramref name="size"/> × <paramref name="size"/> <paramref name="matrix"/> (row-major).
    /// Returns the eigenvalues in decreasing order (ties by index) and the unit eigenvectors as the rows of a
    /// row-major <c>(size, size)</c> array, in the same order.
    /// </summary>
    public static (double[] Values, double[] Vectors) Decompose(double[] matrix, int size)
    {
        var dense = Matrix<double>.Build.Dense(size, size, (i, j) => matrix[i * size + j]);
        Evd<double> evd = dense.Evd(Symmetricity.Symmetric);
        double[] unsorted = evd.EigenValues.Select(v => v.Real).ToArray();
        int[] order = Enumerable.Range(0, size).OrderByDescending(i => unsorted[i]).ThenBy(i => i).ToArray();
        var values = new double[size];
        var vectors = new double[size * size];
        Matrix<double> columns = evd.EigenVectors;
        for (int c = 0; c < size; c++)
        {
            values[c] = unsorted[order[c]];
            for (int j = 0; j < size; j++)
                vectors[c * size + j] = columns[j, order[c]];
        }
        return (values, vectors);
    }
}
