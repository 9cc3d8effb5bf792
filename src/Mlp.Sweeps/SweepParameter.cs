using System.Globalization;

namespace Mlp.Sweeps;

/// <summary>
/// One hyper-parameter a sweep can vary, by its command-line name (<c>lr</c>, <c>noise-level</c>, …): how it reads a
/// value into <see cref="TrialSettings"/> and writes it back as text.
/// </summary>
/// <param name="Name">The name, as in <c>--lr</c> and the CSV's columns.</param>
/// <param name="Description">What it is, for help and reports.</param>
/// <param name="IsNumeric">Whether its values are numbers (plotted on a numeric axis, eligible for random ranges).</param>
/// <param name="IsContinuous">Whether random search may draw it from a range <c>low..high</c>.</param>
/// <param name="LogScale">Whether its values spread over orders of magnitude (drawn and plotted on a log scale).</param>
/// <param name="Read">Sets the parameter from text; throws <see cref="FormatException"/> for text that is not a value.</param>
/// <param name="Write">The parameter's value as canonical text.</param>
public sealed record SweepParameter(string Name, string Description, bool IsNumeric, bool IsContinuous, bool LogScale,
    Func<TrialSettings, string, TrialSettings> Read, Func<TrialSettings, string> Write)
{
    /// <summary>Sets the parameter to <paramref name="text"/> in <paramref name="settings"/>.</summary>
    /// <exception cref="SweepDefinitionException">The text is not a value of this parameter.</exception>
    public TrialSettings Apply(TrialSettings settings, string text)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return Read(settings, text.Trim());
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new SweepDefinitionException(Name, $"'{text}' is not a {(IsNumeric ? "number" : "value")} ({Description})");
        }
    }

    /// <summary>The parameter's value in <paramref name="settings"/> as canonical text.</summary>
    public string Format(TrialSettings settings) => Write(settings);

    /// <summary>The parameter's value in <paramref name="settings"/> as a number (NaN for a non-numeric parameter or no value).</summary>
    public double Number(TrialSettings settings) =>
        IsNumeric && double.TryParse(Write(settings), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : double.NaN;
}

/// <summary>Every parameter a sweep can vary.</summary>
public static class SweepParameters
{
    /// <summary>The parameters, in the order of <see cref="TrialSettings.Canonical"/> and the CSV's columns.</summary>
    public static IReadOnlyList<SweepParameter> All { get; } =
    [
        new("model", "a model this build registers", false, false, false, (s, t) => s with { Model = t }, s => s.Model),
        new("rule", $"learning rule: {string.Join(", ", LearningRuleNames.All)}", false, false, false, (s, t) => s with { Rule = t.ToLowerInvariant() }, s => s.Rule),
        new("lr", "learning rate", true, true, true, (s, t) => s with { LearningRate = ParseDouble(t) }, s => Format(s.LearningRate)),
        new("batch-size", "examples per mini-batch", true, false, false, (s, t) => s with { BatchSize = ParseInt(t) }, s => Format(s.BatchSize)),
        new("epochs", "training epochs", true, false, false, (s, t) => s with { Epochs = ParseInt(t) }, s => Format(s.Epochs)),
        new("max-batches", "batches per epoch at most (all: every batch)", true, false, false,
            (s, t) => s with { MaxBatches = t.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : ParseInt(t) },
            s => s.MaxBatches is int m ? Format(m) : "all"),
        new("noise", $"input corruption: {string.Join(", ", NoiseNames.All)}", false, false, false, (s, t) => s with { Noise = t.ToLowerInvariant() }, s => s.Noise),
        new("noise-level", "corruption probability, or Gaussian standard deviation", true, true, false, (s, t) => s with { NoiseLevel = ParseDouble(t) }, s => Format(s.NoiseLevel)),
        new("freeze", "leading Affine layers frozen", true, false, false, (s, t) => s with { FrozenLayers = ParseInt(t) }, s => Format(s.FrozenLayers)),
        new("seed", "seed of the weights, batch order and noise", true, false, false, (s, t) => s with { Seed = ParseInt(t) }, s => Format(s.Seed)),
    ];

    /// <summary>The parameter called <paramref name="name"/>.</summary>
    /// <exception cref="SweepDefinitionException">No parameter has that name.</exception>
    public static SweepParameter Get(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new SweepDefinitionException(name, $"not a sweep parameter; expected one of {string.Join(", ", All.Select(p => p.Name))}");

    private static double ParseDouble(string text)
    {
        double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : throw new FormatException();
    }

    private static int ParseInt(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
