using System.CommandLine;
using System.Globalization;
using Mlp.Examples.Options;
using Mlp.Sweeps;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// Parses the <c>sweep</c> verb's arguments. Each hyper-parameter flag (<c>--lr</c>, <c>--noise-level</c>, …) takes one
/// value (every trial's), a comma-separated list (an axis of the sweep) or, with <c>--search random</c>, a range
/// <c>low..high</c>. <c>--exercise N</c> starts from the notebook's settings of exercise N; <c>--seed</c> is the
/// notebook's seed, to which the exercise's offset is added as the notebook does.
/// </summary>
public static class SweepCommandLine
{
    /// <summary>The default folder of a sweep's outputs.</summary>
    public const string DefaultOutput = "out/sweep";

    /// <summary>Parses <paramref name="args"/> (after the verb); returns the request, or null with the exit code after help or an error.</summary>
    public static SweepRequest? Parse(string[] args, TextWriter output, TextWriter error, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        var exercise = new Option<int?>("--exercise") { Description = "Start from the notebook's settings of exercise 1, 2, 3 or 4 (model, learning rule and rate, noise, seed offset)" };
        var parameterOptions = SweepParameters.All.ToDictionary(p => p.Name, p => new Option<string?>("--" + p.Name)
        {
            Description = $"{Capitalise(p.Description)}: a value, a comma-separated list{(p.IsContinuous ? ", or low..high for random search" : "")}",
        });
        var search = new Option<string>("--search") { Description = "grid (every combination) or random", DefaultValueFactory = _ => "grid" };
        var trials = new Option<int>("--trials") { Description = "Random search: the number of trials" };
        var searchSeed = new Option<long>("--search-seed") { Description = "Random search: the seed of the draws", DefaultValueFactory = _ => 1 };
        var parallel = new Option<int>("--parallel") { Description = "Trials at once on this machine (one per core by default)", DefaultValueFactory = _ => Mlp.Kernels.KernelThreads.DefaultCount };
        var outputDirectory = new Option<string>("--output", "-o") { Description = "Folder for sweep.json, trials.csv, report.md, plots and each trial's files; rerunning over it resumes", DefaultValueFactory = _ => DefaultOutput };
        var dataDirectory = new Option<string>("--data-dir") { Description = "Folder holding MNIST's gzipped IDX files", DefaultValueFactory = _ => ExampleOptions.DefaultDataDirectory };
        var cluster = new Option<string?>("--cluster") { Description = "Run on the Orleans cluster whose membership is in this Redis (host:port)" };
        var attach = new Option<string?>("--attach") { Description = "With --cluster: follow the running sweep with this id instead of submitting one" };

        var command = new RootCommand("Trains a sweep of trials (every combination of the listed values, or random picks) and writes sweep.json, trials.csv, report.md and plots.")
        {
            exercise, search, trials, searchSeed, parallel, outputDirectory, dataDirectory, cluster, attach,
        };
        foreach (Option<string?> option in parameterOptions.Values)
            command.Options.Add(option);

        ParseResult result = command.Parse(args);
        if (result.Errors.Count > 0)
            return Fail(error, string.Join("; ", result.Errors.Select(e => e.Message)), out exitCode);
        if (result.Action is not null)
        {
            exitCode = result.Invoke(new InvocationConfiguration { Output = output, Error = error });
            return null;
        }
        try
        {
            SearchKind kind = result.GetValue(search)!.ToLowerInvariant() switch
            {
                "grid" => SearchKind.Grid,
                "random" => SearchKind.Random,
                var other => throw new SweepDefinitionException("search", $"expected grid or random, got '{other}'"),
            };
            int? exerciseNumber = result.GetValue(exercise);
            TrialSettings start = exerciseNumber is int n
                ? SweepModels.Exercise(n, new ExampleOptions().Seed)
                : new TrialSettings { Model = "", Epochs = new ExampleOptions().Epochs };
            int seedOffset = SweepModels.SeedOffset(exerciseNumber);
            var axes = new List<SweepAxis>();
            foreach (SweepParameter parameter in SweepParameters.All)
            {
                string? text = result.GetValue(parameterOptions[parameter.Name]);
                if (text is null)
                    continue;
                string[] values = [.. text.Split(',', StringSplitOptions.TrimEntries).Select(v => parameter.Name == "seed" ? Offset(v, seedOffset) : v)];
                if (values.Length == 1 && values[0].Contains("..", StringComparison.Ordinal))
                    axes.Add(Range(parameter, values[0]));
                else if (values.Length == 1)
                    start = parameter.Apply(start, values[0]);
                else
                    axes.Add(new SweepAxis(parameter.Name, values));
            }
            if (start.Model.Length == 0 && !axes.Any(a => a.Name == "model"))
                throw new SweepDefinitionException("model", $"give --exercise or --model (one of {string.Join(", ", SweepModels.Registry().Names)})");
            if (start.Model.Length == 0)
                start = start with { Model = axes.First(a => a.Name == "model").Values[0] };
            int parallelism = result.GetValue(parallel);
            if (parallelism < 1)
                throw new SweepDefinitionException("parallel", $"must be at least 1, got {parallelism}");
            string? clusterAddress = result.GetValue(cluster), attachId = result.GetValue(attach);
            if (attachId is not null && clusterAddress is null)
                throw new SweepDefinitionException("attach", "needs --cluster, the Redis the sweep's cluster uses");
            var definition = new SweepDefinition
            {
                Base = start,
                Axes = axes,
                Search = kind,
                RandomTrials = result.GetValue(trials),
                RandomSeed = result.GetValue(searchSeed),
            };
            // Validate before anything is created or started: a bad value is an error with nothing run.
            definition.Expand(SweepModels.Registry());
            string? dataError = DataFolder.Resolve(result.GetValue(dataDirectory)!, out string dataPath);
            if (dataError is not null)
                return Fail(error, dataError, out exitCode);
            string? outputError = OutputFolder.Prepare(result.GetValue(outputDirectory)!);
            if (outputError is not null)
                return Fail(error, outputError, out exitCode);
            exitCode = 0;
            return new SweepRequest(definition, Path.GetFullPath(result.GetValue(outputDirectory)!), dataPath, parallelism, clusterAddress, attachId);
        }
        catch (SweepDefinitionException e)
        {
            return Fail(error, "--" + e.Message, out exitCode);
        }
    }

    private static SweepAxis Range(SweepParameter parameter, string text)
    {
        string[] ends = text.Split("..");
        if (ends.Length != 2 || !double.TryParse(ends[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
            || !double.TryParse(ends[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double high))
            throw new SweepDefinitionException(parameter.Name, $"'{text}' is not a range low..high");
        return SweepAxis.Range(parameter.Name, low, high);
    }

    private static string Offset(string seed, int offset) =>
        offset != 0 && int.TryParse(seed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? unchecked(value + offset).ToString(CultureInfo.InvariantCulture)
            : seed;

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static SweepRequest? Fail(TextWriter error, string message, out int exitCode)
    {
        error.WriteLine($"error: {message.ReplaceLineEndings(" ")} (see sweep --help)");
        exitCode = OptionsParser.UsageExitCode;
        return null;
    }
}
