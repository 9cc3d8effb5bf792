using System.Globalization;
using System.Text;

namespace Mlp.Training;

/// <summary>
/// The statistics of one <see cref="Optimiser.Train"/> run, as a typed table: a row per statistics epoch (epoch 0
/// before training, then every <c>statsInterval</c> epochs) with a column per statistic key
/// (<c>error(train)</c>, <c>acc(train)</c>, <c>error(valid)</c>, …), plus every epoch's training time. It prints as
/// an aligned table, saves as CSV, and gives columns for plotting.
/// </summary>
public sealed class RunStatistics
{
    /// <summary>Creates the table; <paramref name="rows"/> must all have the <paramref name="keys"/>.</summary>
    public RunStatistics(IReadOnlyList<string> keys, IReadOnlyList<EpochStatistics> rows, IReadOnlyList<double> epochSeconds, TimeSpan totalTime)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(epochSeconds);
        foreach (EpochStatistics row in rows)
        {
            foreach (string key in keys)
                _ = row[key];
        }
        Keys = keys;
        Rows = rows;
        EpochSeconds = epochSeconds;
        TotalTime = totalTime;
    }

    /// <summary>The statistic keys, in column order.</summary>
    public IReadOnlyList<string> Keys { get; }

    /// <summary>The rows, in epoch order.</summary>
    public IReadOnlyList<EpochStatistics> Rows { get; }

    /// <summary>The training-pass time of every epoch of the run, in seconds (statistics excluded).</summary>
    public IReadOnlyList<double> EpochSeconds { get; }

    /// <summary>The wall-clock time of the whole run, statistics included.</summary>
    public TimeSpan TotalTime { get; }

    /// <summary>The mean training-pass time per epoch, in seconds.</summary>
    public double MeanSecondsPerEpoch => EpochSeconds.Count == 0 ? 0 : EpochSeconds.Average();

    /// <summary>The epochs at which statistics were taken.</summary>
    public IReadOnlyList<int> Epochs => Rows.Select(r => r.Epoch).ToArray();

    /// <summary>The values of one statistic, row by row (for plotting).</summary>
    public IReadOnlyList<double> Column(string key) => Rows.Select(r => r[key]).ToArray();

    /// <summary>The statistic's value in the last row.</summary>
    public double Final(string key) => Rows.Count == 0
        ? throw new InvalidOperationException("The run has no statistics.")
        : Rows[^1][key];

    /// <summary>The CSV form: a header <c>epoch,seconds,key…</c> and a row per statistics epoch (invariant culture, round-trip precision).</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append("epoch,seconds");
        foreach (string key in Keys)
            text.Append(',').Append(key);
        text.Append('\n');
        foreach (EpochStatistics row in Rows)
        {
            text.Append(row.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',');
            text.Append(row.Epoch == 0 || row.Epoch > EpochSeconds.Count ? "" : EpochSeconds[row.Epoch - 1].ToString("R", CultureInfo.InvariantCulture));
            foreach (string key in Keys)
                text.Append(',').Append(row[key].ToString("R", CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Saves <see cref="ToCsv"/> to <paramref name="path"/> atomically.</summary>
    public void SaveCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());

    /// <summary>An aligned text table of the rows, e.g. for a console.</summary>
    public override string ToString()
    {
        string[] header = ["epoch", .. Keys];
        string[][] cells = Rows
            .Select(r => new[] { r.Epoch.ToString(CultureInfo.InvariantCulture) }
                .Concat(Keys.Select(k => r[k].ToString("F4", CultureInfo.InvariantCulture))).ToArray())
            .ToArray();
        int[] widths = header.Select((h, i) => Math.Max(h.Length, cells.Length == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(string.Join("  ", header.Select((h, i) => h.PadLeft(widths[i]))));
        foreach (string[] row in cells)
            text.AppendLine(string.Join("  ", row.Select((c, i) => c.PadLeft(widths[i]))));
        return text.ToString();
    }
}
