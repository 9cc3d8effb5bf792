namespace Mlp.Threading;

/// <summary>
/// A model's parameter buffer cut into parts the way the products of a training step cut it: part i holds about the
/// i-th of <see cref="Parts"/> equal blocks of rows of every weight matrix (its output units, where a weight-gradient
/// product cuts its rows) and of every bias vector. A learning rule's update walks these parts, so each thread first
/// updates the rows its own core has just written the gradients of, whatever the number of threads.
/// </summary>
/// <remarks>
/// Every cut falls at a multiple of 64 elements of the buffer, so an elementwise rule computes each element with the
/// same code as one sweep over the whole buffer (the buffer's own tail stays last): the ranges of all parts together
/// are consecutive and cover every parameter once. Fixed by the parameters' shapes alone.
/// </remarks>
internal sealed class ParameterSplit
{
    private const int Alignment = 64;

    private readonly int[][] _starts;
    private readonly int[][] _lengths;

    /// <summary>Cuts the buffer holding <paramref name="parameters"/> (and nothing else, <paramref name="length"/> values).</summary>
    public ParameterSplit(IReadOnlyList<Parameter> parameters, int length)
    {
        Parts = ElementwisePartition.PartsOf(length);
        Parameter[] ordered = parameters.OrderBy(p => p.Offset).ToArray();
        // The cut points: the starts of each parameter's row blocks, rounded to the alignment.
        var cuts = new SortedSet<int> { 0, length };
        foreach (Parameter p in ordered)
        {
            int rows = p.Shape.Length >= 1 ? p.Shape[0] : 1, width = p.Length / Math.Max(rows, 1);
            for (int block = 0; block < Parts; block++)
                cuts.Add(Align(p.Offset + (int)((long)rows * block / Parts) * width, length));
        }
        // Each range between consecutive cuts goes to the part whose row block holds its middle (a range may begin in
        // the tail of the parameter before, where the rounding put its first cut).
        var pieces = Enumerable.Range(0, Parts).Select(_ => new List<(int Start, int Length)>()).ToArray();
        int[] points = cuts.ToArray();
        for (int c = 0; c + 1 < points.Length; c++)
        {
            int start = points[c], end = points[c + 1];
            pieces[PartOf(ordered, start + (end - start) / 2)].Add((start, end - start));
        }
        _starts = pieces.Select(list => list.Select(piece => piece.Start).ToArray()).ToArray();
        _lengths = pieces.Select(list => list.Select(piece => piece.Length).ToArray()).ToArray();
    }

    /// <summary>The number of parts (as an elementwise kernel over the buffer would have).</summary>
    public int Parts { get; }

    /// <summary>The number of ranges of part <paramref name="part"/>.</summary>
    public int Count(int part) => _starts[part].Length;

    /// <summary>Where range <paramref name="index"/> of part <paramref name="part"/> starts in the buffer.</summary>
    public int Start(int part, int index) => _starts[part][index];

    /// <summary>The length of range <paramref name="index"/> of part <paramref name="part"/>.</summary>
    public int Length(int part, int index) => _lengths[part][index];

    private static int Align(long position, int length) => (int)Math.Min((position + Alignment / 2) / Alignment * Alignment, length);

    // The part whose row block of the parameter holding `position` contains it (the last parameter before it, if
    // `position` falls in a gap between parameters).
    private int PartOf(Parameter[] ordered, int position)
    {
        Parameter? owner = null;
        foreach (Parameter p in ordered)
        {
            if (p.Offset > position)
                break;
            owner = p;
        }
        if (owner is null)
            return 0;
        int rows = owner.Shape.Length >= 1 ? owner.Shape[0] : 1, width = owner.Length / Math.Max(rows, 1);
        int row = Math.Min((position - owner.Offset) / Math.Max(width, 1), rows - 1);
        return (int)Math.Min((long)row * Parts / rows, Parts - 1);
    }
}
