namespace Mlp.Sweeps;

/// <summary>
/// A sweep definition that cannot run: an unknown model, a value out of range, an empty grid. Raised before any trial
/// starts; the message names the parameter and the problem.
/// </summary>
public sealed class SweepDefinitionException : ArgumentException
{
    /// <summary>Creates the exception for <paramref name="parameter"/>.</summary>
    public SweepDefinitionException(string parameter, string problem)
        : base($"{parameter}: {problem}")
    {
        Parameter = parameter;
    }

    /// <summary>The parameter at fault, e.g. <c>lr</c> or <c>model</c>.</summary>
    public string Parameter { get; }
}
