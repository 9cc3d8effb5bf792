using System.Globalization;
using System.Text;
using Mlp.Examples.Results;

namespace Mlp.Examples.Output;

/// <summary>A run's per-epoch statistics as CSV: <c>epoch,train_error,valid_error,train_accuracy,valid_accuracy,seconds</c>.</summary>
public static class RunStatisticsCsv
{
    /// <summary>The header line.</summary>
    public const string Header = "epoch,train_error,valid_error,train_accuracy,valid_accuracy,seconds";

    /// <summary>The file name of <paramref name="run"/>'s statistics: <c>{key}-statistics.csv</c>.</summary>
    public static string FileName(RunHistory run) => $"{run.Key}-statistics.csv";

    /// <summary>
    /// The CSV text: one line per epoch, numbers in round-trip invariant format (NaN for a diverged value),
    /// an empty field where an accuracy is absent.
    /// </summary>
    public static string Render(RunHistory run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder(Header).Append('\n');
        foreach (EpochStatistics e in run.Epochs)
        {
            text.Append(e.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Format(e.TrainError)).Append(',')
                .Append(Format(e.ValidError)).Append(',')
                .Append(e.TrainAccuracy is { } ta ? Format(ta) : "").Append(',')
                .Append(e.ValidAccuracy is { } va ? Format(va) : "").Append(',')
                .Append(Format(e.Seconds)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes <paramref name="run"/>'s statistics atomically into <paramref name="folder"/>; returns the file's path.</summary>
    public static string Write(string folder, RunHistory run)
    {
        string path = Path.Combine(folder, FileName(run));
        AtomicFile.WriteAllText(path, Render(run));
        return path;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
