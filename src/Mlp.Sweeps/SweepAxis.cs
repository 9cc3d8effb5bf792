namespace Mlp.Sweeps;

/// <summary>
/// The values one parameter takes in a sweep: a list (grid search crosses the lists; random search picks from them),
/// or, for random search over a continuous parameter, a range <see cref="Low"/>..<see cref="High"/>.
/// </summary>
/// <param name="Name">The parameter's name (<see cref="SweepParameters"/>).</param>
/// <param name="Values">The declared values as text; empty for a range.</param>
/// <param name="Low">The range's low end, or null for a list.</param>
/// <param name="High">The range's high end, or null for a list.</param>
public sealed record SweepAxis(string Name, IReadOnlyList<string> Values, double? Low = null, double? High = null)
{
    /// <summary>Whether the axis is a range rather than a list.</summary>
    public bool IsRange => Low is not null || High is not null;

    /// <summary>An axis of listed values.</summary>
    public static SweepAxis Of(string name, params IReadOnlyList<string> values) => new(name, values);

    /// <summary>A range for random search.</summary>
    public static SweepAxis Range(string name, double low, double high) => new(name, [], low, high);
}

/// <summary>How a sweep chooses its trials from the axes.</summary>
public enum SearchKind
{
    /// <summary>Every combination of the listed values.</summary>
    Grid,

    /// <summary>A seeded number of random picks: a listed value with equal chance, or a draw from a range (log-uniform for a log-scale parameter).</summary>
    Random,
}
