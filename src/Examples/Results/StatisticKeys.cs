namespace Mlp.Examples.Results;

/// <summary>
/// The statistic keys of <see cref="Mlp.Training.RunStatistics"/>: <c>error(set)</c> and <c>acc(set)</c>, as the
/// course's optimiser names them, for the training and validation sets and for further sets the exercises add
/// (e.g. <c>error(valid_noisy)</c>, exercise 3's error on corrupted validation inputs).
/// </summary>
public static class StatisticKeys
{
    private const string ErrorPrefix = "error(";

    /// <summary>The key of the error on <paramref name="set"/>, e.g. <c>error(train)</c>.</summary>
    public static string Error(string set) => $"error({set})";

    /// <summary>The key of the classification accuracy on <paramref name="set"/>, e.g. <c>acc(valid)</c>.</summary>
    public static string Accuracy(string set) => $"acc({set})";

    /// <summary>The sets that <paramref name="keys"/> hold an error for, in the keys' order.</summary>
    public static IReadOnlyList<string> Sets(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return keys
            .Where(k => k.StartsWith(ErrorPrefix, StringComparison.Ordinal) && k.EndsWith(')'))
            .Select(k => k[ErrorPrefix.Length..^1])
            .Distinct()
            .ToList();
    }
}
