namespace Mlp.LearningRules;

/// <summary>
/// The contiguous runs of a model's parameter buffer that belong to unfrozen parameters, merged so that learning rules
/// sweep as few, as long, spans as possible. Rebuilt in place (no allocation) whenever a parameter's
/// <see cref="Parameter.IsFrozen"/> changes.
/// </summary>
internal sealed class UnfrozenRanges
{
    private readonly Parameter[] _parameters;
    private readonly bool[] _frozen;
    private readonly int[] _starts;
    private readonly int[] _lengths;

    /// <summary>Captures <paramref name="parameters"/>, ordered by offset, and their current frozen flags.</summary>
    public UnfrozenRanges(IReadOnlyList<Parameter> parameters)
    {
        _parameters = [.. parameters];
        Array.Sort(_parameters, static (a, b) => a.Offset.CompareTo(b.Offset));
        _frozen = new bool[_parameters.Length];
        _starts = new int[_parameters.Length];
        _lengths = new int[_parameters.Length];
        Rebuild();
    }

    /// <summary>The number of ranges.</summary>
    public int Count { get; private set; }

    /// <summary>Where range <paramref name="index"/> starts in the buffer.</summary>
    public int Start(int index) => _starts[index];

    /// <summary>The number of elements in range <paramref name="index"/>.</summary>
    public int Length(int index) => _lengths[index];

    /// <summary>Rebuilds the ranges if any parameter was frozen or unfrozen since the last call.</summary>
    public void Refresh()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].IsFrozen != _frozen[i])
            {
                Rebuild();
                return;
            }
        }
    }

    private void Rebuild()
    {
        int count = 0;
        for (int i = 0; i < _parameters.Length; i++)
        {
            Parameter p = _parameters[i];
            _frozen[i] = p.IsFrozen;
            if (p.IsFrozen)
                continue;
            if (count > 0 && _starts[count - 1] + _lengths[count - 1] == p.Offset)
                _lengths[count - 1] += p.Length;
            else
            {
                _starts[count] = p.Offset;
                _lengths[count] = p.Length;
                count++;
            }
        }
        Count = count;
    }
}
