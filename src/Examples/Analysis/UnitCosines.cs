namespace Mlp.Examples.Analysis;

/// <summary>
/// Whether a model's hidden units are the principal components themselves: the absolute cosine between each unit's
/// weight vector and each component, <c>|wᵢ · vⱼ| / (‖wᵢ‖ ‖vⱼ‖)</c>, and per unit the best-matched component. A unit that
/// is a component (up to sign and scale) has a best match of 1 and 0 elsewhere in its row; a unit that mixes several
/// components spreads its row over them, each below 1.
/// </summary>
/// <param name="Units">The number of units (rows of <see cref="Matrix"/>).</param>
/// <param name="Components">The number of components (columns).</param>
/// <param name="Matrix">The absolute cosines, row-major <c>(Units, Components)</c>, each in [0, 1].</param>
public sealed record UnitCosines(int Units, int Components, IReadOnlyList<double> Matrix)
{
    /// <summary>The cosine between unit <paramref name="unit"/> and component <paramref name="component"/>.</summary>
    public double this[int unit, int component] => Matrix[unit * Components + component];

    /// <summary>Per unit, the largest cosine of its row: how close it is to its nearest component.</summary>
    public IReadOnlyList<double> BestMatch =>
        Enumerable.Range(0, Units).Select(u => Enumerable.Range(0, Components).Max(c => this[u, c])).ToList();

    /// <summary>Per unit, the component with the largest cosine (the lower index on a tie).</summary>
    public IReadOnlyList<int> BestComponent =>
        Enumerable.Range(0, Units).Select(u => Enumerable.Range(0, Components).MaxBy(c => this[u, c])).ToList();

    /// <summary>The cosines between the rows of <paramref name="units"/> and of <paramref name="components"/>.</summary>
    /// <param name="units">Row-major <c>(unitCount, dimension)</c> weight vectors, none zero.</param>
    /// <param name="unitCount">The number of units.</param>
    /// <param name="components">Row-major <c>(componentCount, dimension)</c> component vectors, none zero.</param>
    /// <param name="componentCount">The number of components.</param>
    /// <param name="dimension">The length of every vector.</param>
    public static UnitCosines Between(ReadOnlySpan<double> units, int unitCount, ReadOnlySpan<double> components, int componentCount, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(unitCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(componentCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (units.Length != (long)unitCount * dimension)
            throw new ArgumentException($"Expected {(long)unitCount * dimension} values ({unitCount} × {dimension}), got {units.Length}.", nameof(units));
        if (components.Length != (long)componentCount * dimension)
            throw new ArgumentException($"Expected {(long)componentCount * dimension} values ({componentCount} × {dimension}), got {components.Length}.", nameof(components));
        double[] unitNorms = Norms(units, unitCount, dimension, nameof(units));
        double[] componentNorms = Norms(components, componentCount, dimension, nameof(components));
        var matrix = new double[unitCount * componentCount];
        for (int u = 0; u < unitCount; u++)
            for (int c = 0; c < componentCount; c++)
            {
                double dot = Dot(units.Slice(u * dimension, dimension), components.Slice(c * dimension, dimension));
                matrix[u * componentCount + c] = Math.Min(1, Math.Abs(dot) / (unitNorms[u] * componentNorms[c]));
            }
        return new UnitCosines(unitCount, componentCount, matrix);
    }

    private static double[] Norms(ReadOnlySpan<double> rows, int count, int dimension, string name)
    {
        var norms = new double[count];
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<double> row = rows.Slice(i * dimension, dimension);
            norms[i] = Math.Sqrt(Dot(row, row));
            if (norms[i] == 0)
                throw new ArgumentException($"Row {i} is zero: it has no direction.", name);
        }
        return norms;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }
}
