using System.Globalization;
namespace Mlp.Sweeps;

/// <summary>
/// A sweep as declared: the settings every trial starts from, the axes that vary, and the search. <see cref="Expand"/>
/// turns it into validated trials before anything runs; it is saved as <c>sweep.json</c>.
/// </summary>
public sealed record SweepDefinition
{
    /// <summary>The settings of every trial before the axes apply.</summary>
    public required TrialSettings Base { get; init; }

    /// <summary>The parameters that vary, each with its values.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; init; } = [];

    /// <summary>Grid or random search.</summary>
    public SearchKind Search { get; init; } = SearchKind.Grid;

    /// <summary>Random search: how many trials to draw.</summary>
    public int RandomTrials { get; init; }

    /// <summary>Random search: the seed of the draws, so the same definition gives the same trials.</summary>
    public long RandomSeed { get; init; } = 1;

    /// <summary>
    /// The trials, in a stable order, each validated against <paramref name="registry"/>. Nothing runs before this
    /// succeeds, so a bad value stops the sweep before its first trial.
    /// </summary>
    /// <exception cref="SweepDefinitionException">An unknown parameter, model or value, a value out of range, an empty axis, a parameter listed twice, a range in a grid, or too many trials.</exception>
    public IReadOnlyList<TrialSettings> Expand(ModelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var parameters = CheckAxes();
        List<TrialSettings> trials = Search == SearchKind.Grid ? Grid(parameters) : RandomPicks(parameters);
        foreach (TrialSettings trial in trials)
            trial.Validate(registry);
        return trials;
    }

    private SweepParameter[] CheckAxes()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var parameters = new SweepParameter[Axes.Count];
        for (int i = 0; i < Axes.Count; i++)
        {
            SweepAxis axis = Axes[i];
            SweepParameter parameter = SweepParameters.Get(axis.Name);
            parameters[i] = parameter;
            if (!seen.Add(parameter.Name))
                throw new SweepDefinitionException(parameter.Name, "is listed twice; give all its values in one list");
            if (axis.IsRange)
            {
                if (Search != SearchKind.Random)
                    throw new SweepDefinitionException(parameter.Name, "a range (low..high) needs random search; a grid needs listed values");
                if (!parameter.IsContinuous)
                    throw new SweepDefinitionException(parameter.Name, "takes listed values only, not a range");
                if (axis.Low is not double low || axis.High is not double high || !double.IsFinite(low) || !double.IsFinite(high) || !(low < high))
                    throw new SweepDefinitionException(parameter.Name, $"the range must have finite ends, low below high, got {axis.Low}..{axis.High}");
                if (parameter.LogScale && !(low > 0))
                    throw new SweepDefinitionException(parameter.Name, "a log-scale range must be above 0");
                continue;
            }
            if (axis.Values.Count == 0)
                throw new SweepDefinitionException(parameter.Name, "has no values, so the sweep would have no trials");
            var canonical = new HashSet<string>(StringComparer.Ordinal);
            foreach (string value in axis.Values)
            {
                string text = parameter.Format(parameter.Apply(Base, value));
                if (!canonical.Add(text))
                    throw new SweepDefinitionException(parameter.Name, $"lists the value {text} twice");
            }
        }
        return parameters;
    }

    private List<TrialSettings> Grid(SweepParameter[] parameters)
    {
        long count = 1;
        foreach (SweepAxis axis in Axes)
        {
            count *= axis.Values.Count;
            if (count > SweepLimits.MaxTrials)
                throw new SweepDefinitionException("grid", $"makes more than {SweepLimits.MaxTrials} trials; narrow the lists or use random search");
        }
        var trials = new List<TrialSettings> { Base };
        for (int a = 0; a < Axes.Count; a++)
            trials = [.. trials.SelectMany(t => Axes[a].Values.Select(v => parameters[a].Apply(t, v)))];
        return trials;
    }

    private List<TrialSettings> RandomPicks(SweepParameter[] parameters)
    {
        if (RandomTrials is < 1 or > SweepLimits.MaxTrials)
            throw new SweepDefinitionException("trials", $"random search needs from 1 to {SweepLimits.MaxTrials} trials, got {RandomTrials}");
        if (Axes.All(a => !a.IsRange))
        {
            long distinct = Axes.Aggregate(1L, (n, a) => Math.Min(n * a.Values.Count, long.MaxValue / 2));
            if (distinct < RandomTrials)
                throw new SweepDefinitionException("trials", $"random search asks for {RandomTrials} trials but the listed values make only {distinct} distinct ones");
        }
        var random = new RandomGenerator(RandomSeed);
        var trials = new List<TrialSettings>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        // Picks repeat now and then; the bound only guards against a definition whose distinct trials run out.
        for (int attempt = 0; trials.Count < RandomTrials; attempt++)
        {
            if (attempt > 100 * RandomTrials)
                throw new SweepDefinitionException("trials", $"random search found only {trials.Count} distinct trials of the {RandomTrials} asked for");
            TrialSettings trial = Base;
            for (int a = 0; a < Axes.Count; a++)
                trial = parameters[a].Apply(trial, Pick(Axes[a], parameters[a], random));
            if (ids.Add(trial.Id))
                trials.Add(trial);
        }
        return trials;
    }

    private static string Pick(SweepAxis axis, SweepParameter parameter, RandomGenerator random)
    {
        if (!axis.IsRange)
            return axis.Values[random.NextInt32(axis.Values.Count)];
        double low = axis.Low!.Value, high = axis.High!.Value, u = random.NextDouble();
        double value = parameter.LogScale ? Math.Exp(Math.Log(low) + u * (Math.Log(high) - Math.Log(low))) : low + u * (high - low);
        // Four significant digits: a value a person can read back and type in again, and exactly the trial's setting.
        return value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
