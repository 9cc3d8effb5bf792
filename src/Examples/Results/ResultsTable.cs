using System.Globalization;

namespace Mlp.Examples.Results;

/// <summary>
/// The results table as text cells, built once from the exercises' results and rendered by the console
/// (Spectre.Console or plain text) and by <c>report.md</c>: one row per result, one error column per data set,
/// accuracy columns where any result has accuracies, then timing.
/// </summary>
public sealed class ResultsTable
{
    /// <summary>What an empty cell shows.</summary>
    public const string Missing = "—";

    private ResultsTable(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        Headers = headers;
        Rows = rows;
    }

    /// <summary>The column headers; the first column holds the results' titles.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The rows, each with one cell per header.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Whether column <paramref name="index"/> holds numbers (right-aligned) rather than text.</summary>
    public bool IsNumeric(int index) => index > 0;

    /// <summary>
    /// The table split for a narrow console: the errors and timing in one table, the accuracies (of the rows that have
    /// any) in another; a table without accuracy columns is returned alone.
    /// </summary>
    public IReadOnlyList<ResultsTable> SplitErrorsAndAccuracies()
    {
        var accuracy = Enumerable.Range(1, Headers.Count - 1).Where(c => Headers[c].EndsWith(" acc", StringComparison.Ordinal)).ToList();
        if (accuracy.Count == 0)
            return [this];
        var errors = Enumerable.Range(0, Headers.Count).Except(accuracy).ToList();
        return [Select(errors), Select([0, .. accuracy])];
    }

    // The given columns, keeping only rows with a figure in at least one of them.
    private ResultsTable Select(IReadOnlyList<int> columns) => new(
        columns.Select(c => Headers[c]).ToList(),
        Rows.Where(r => columns.Skip(1).Any(c => r[c] != Missing))
            .Select(r => (IReadOnlyList<string>)columns.Select(c => r[c]).ToList()).ToList());

    /// <summary>Lays out <paramref name="results"/>, in their order.</summary>
    public static ResultsTable Build(IReadOnlyList<ExerciseResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sets = results.SelectMany(r => r.Sets).Select(s => s.Set).Distinct().ToList();
        var accuracySets = sets.Where(set => results.Any(r => Find(r, set)?.Accuracy is not null)).ToList();
        var bestAccuracySets = sets.Where(set => set != SetResult.Train && results.Any(r => Find(r, set)?.BestAccuracy is not null)).ToList();

        var columns = new List<(string Header, Func<ExerciseResult, string> Cell)> { ("exercise", r => r.Title) };
        foreach (string set in sets)
            columns.Add(($"{Label(set)} error", r => Number(Find(r, set)?.Error)));
        foreach (string set in accuracySets)
            columns.Add(($"{Label(set)} acc", r => Percent(Find(r, set)?.Accuracy)));
        foreach (string set in bestAccuracySets)
            columns.Add(($"best {Label(set)} acc", r => Percent(Find(r, set)?.BestAccuracy)));
        columns.Add(("s/epoch", r => Seconds(r.SecondsPerEpoch)));
        columns.Add(("seconds", r => Seconds(r.Seconds)));

        var rows = results.Select(r => (IReadOnlyList<string>)columns.Select(c => c.Cell(r)).ToList()).ToList();
        return new ResultsTable(columns.Select(c => c.Header).ToList(), rows);
    }

    private static SetResult? Find(ExerciseResult result, string set) => result.Sets.FirstOrDefault(s => s.Set == set);

    private static string Label(string set) => set.Replace('_', ' ');

    private static string Number(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : Missing;

    private static string Percent(double? value) => value is { } v ? (100 * v).ToString("F2", CultureInfo.InvariantCulture) + "%" : Missing;

    private static string Seconds(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : Missing;
}
