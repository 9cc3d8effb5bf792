namespace Mlp.Kernels;

/// <summary>
/// A model's parameter buffer divided between the two kernel threads the way the products of a training step divide
/// it: each weight matrix by whole rows (output units) at <see cref="RowSplit"/>, where the weight-gradient product
/// splits its rows, and a wide bias vector at <see cref="FeatureSplit.At"/>, where the column sums split it. Learning-rule
/// updates and the optimiser's finiteness check walk these pieces, so each thread touches the contiguous parameters its
/// own core has just written.
/// </summary>
internal sealed class ParameterSplit
{
    private readonly int[][] _starts = new int[2][];
    private readonly int[][] _lengths = new int[2][];
    private readonly int[] _counts = new int[2];

    /// <summary>Divides the buffer holding <paramref name="parameters"/> between the threads.</summary>
    public ParameterSplit(IReadOnlyList<Parameter> parameters)
    {
        var pieces = new List<(int Start, int Length)>[] { [], [] };
        foreach (Parameter p in parameters.OrderBy(p => p.Offset))
        {
            ReadOnlySpan<int> shape = p.Shape;
            int split = shape.Length == 2 ? RowSplit(shape[0]) * shape[1]
                : shape.Length == 1 && FeatureSplit.IsWide(shape[0]) ? FeatureSplit.At(shape[0])
                : p.Length;
            Add(pieces[0], p.Offset, split);
            Add(pieces[1], p.Offset + split, p.Length - split);
        }
        for (int t = 0; t < 2; t++)
        {
            _starts[t] = pieces[t].Select(piece => piece.Start).ToArray();
            _lengths[t] = pieces[t].Select(piece => piece.Length).ToArray();
            _counts[t] = pieces[t].Count;
        }
    }

    /// <summary>
    /// The first row of a weight matrix of <paramref name="rows"/> output units that the worker owns: where a shared
    /// weight-gradient product splits its rows (see <see cref="GemmJob.PlanSplit"/>), or all rows to the caller when
    /// there are too few to divide.
    /// </summary>
    public static int RowSplit(int rows) =>
        FeatureSplit.IsWide(rows) ? FeatureSplit.At(rows) : rows >= GemmJob.MinSplitRows ? GemmJob.HalfOf(rows, 5) : rows;

    /// <summary>Whether the second thread has any share (a model without wide dimensions is not worth dividing).</summary>
    public bool IsDivided => _counts[1] > 0;

    /// <summary>The number of pieces of thread <paramref name="thread"/> (0, the caller, or 1, the worker).</summary>
    public int Count(int thread) => _counts[thread];

    /// <summary>Where piece <paramref name="index"/> of thread <paramref name="thread"/> starts in the buffer.</summary>
    public int Start(int thread, int index) => _starts[thread][index];

    /// <summary>The length of piece <paramref name="index"/> of thread <paramref name="thread"/>.</summary>
    public int Length(int thread, int index) => _lengths[thread][index];

    // Appends a piece, merging it into the previous one when they touch.
    private static void Add(List<(int Start, int Length)> pieces, int start, int length)
    {
        if (length <= 0)
            return;
        if (pieces.Count > 0 && pieces[^1].Start + pieces[^1].Length == start)
            pieces[^1] = (pieces[^1].Start, pieces[^1].Length + length);
        else
            pieces.Add((start, length));
    }
}
