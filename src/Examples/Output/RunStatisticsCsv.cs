using Mlp.Examples.Results;

namespace Mlp.Examples.Output;

/// <summary>
/// A run's per-epoch statistics as CSV, in the runtime's format (<see cref="Mlp.Training.RunStatistics.ToCsv"/>):
/// <c>epoch,seconds,error(train),…</c>, one row per epoch, invariant culture, round-trip precision.
/// </summary>
public static class RunStatisticsCsv
{
    /// <summary>The file name of <paramref name="run"/>'s statistics: <c>{key}-statistics.csv</c>.</summary>
    public static string FileName(RunHistory run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{run.Key}-statistics.csv";
    }

    /// <summary>Writes <paramref name="run"/>'s statistics atomically into <paramref name="folder"/>; returns the file's path.</summary>
    public static string Write(string folder, RunHistory run)
    {
        string path = Path.Combine(folder, FileName(run));
        run.Statistics.SaveCsv(path);
        return path;
    }
}
