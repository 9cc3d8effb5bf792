using System.Globalization;
using System.Text;
using Mlp.Examples.Analysis;
using Mlp.Examples.Results;

namespace Mlp.Examples.Output;

/// <summary>
/// <c>report.md</c>: the results table, the notes, the time split of the exercises that report one, the figures inline
/// (relative links into the same folder), the CSV files, the settings and the machine.
/// </summary>
public static class ReportMarkdown
{
    /// <summary>The file's name in the output folder.</summary>
    public const string FileName = "report.md";

    /// <summary>The Markdown text of <paramref name="report"/>.</summary>
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("# Autoencoders notebook on MNIST\n\n");
        string load = report.Machine.LoadAverage is { } average ? $" (load average {average} when it started)" : "";
        text.Append(Invariant($"The whole run took {report.TotalSeconds:F1} s on {report.Machine.Cores} cores{load}.\n\n"));

        text.Append("## Results\n\n");
        text.Append(ResultsTableText.Markdown(ResultsTable.Build(report.Results)));
        if (report.Notes.Count > 0)
        {
            text.Append('\n');
            foreach (string note in report.Notes)
                text.Append(note).Append("\n\n");
        }
        else
        {
            text.Append('\n');
        }

        if (report.Subspaces is { } subspaces)
        {
            EpochAngles first = subspaces.ByEpoch[0], last = subspaces.Final;
            IReadOnlyList<double> best = subspaces.Units.BestMatch;
            text.Append("## Does gradient descent find PCA's representation?\n\n");
            text.Append(subspaces.Answer()).Append("\n\n");
            text.Append(Invariant($"| principal angles to the top {subspaces.Components} components | epoch {first.Epoch} | epoch {last.Epoch} |\n|---|---:|---:|\n"));
            text.Append(Invariant($"| codes (encoder on the data), largest | {first.Codes.Largest:F1}° | {last.Codes.Largest:F1}° |\n"));
            text.Append(Invariant($"| codes (encoder on the data), mean | {first.Codes.Mean:F1}° | {last.Codes.Mean:F1}° |\n"));
            text.Append(Invariant($"| encoder rows, largest | {first.Encoder.Largest:F1}° | {last.Encoder.Largest:F1}° |\n"));
            text.Append(Invariant($"| encoder rows, mean | {first.Encoder.Mean:F1}° | {last.Encoder.Mean:F1}° |\n"));
            text.Append(Invariant($"| decoder, largest | {first.Decoder.Largest:F1}° | {last.Decoder.Largest:F1}° |\n"));
            text.Append(Invariant($"| decoder, mean | {first.Decoder.Mean:F1}° | {last.Decoder.Mean:F1}° |\n\n"));
            text.Append(Invariant($"Per unit, the largest |correlation| of its code with a component's score (epoch {last.Epoch}): mean {best.Average():F2}, from {best.Min():F2} to {best.Max():F2}.\n\n"));
        }

        var staged = report.Results.Where(r => r.Stages is { Count: > 0 }).ToList();
        if (staged.Count > 0 || report.Stages.Count > 0)
        {
            text.Append("### Where the time went\n\n");
            foreach (var (stage, seconds) in report.Stages)
                text.Append(Invariant($"- {stage.Replace('_', ' ')}: {seconds:F2} s\n"));
            foreach (ExerciseResult result in staged)
            {
                string stages = string.Join(", ", result.Stages!.Select(s => Invariant($"{s.Key.Replace('_', ' ')} {s.Value:F2} s")));
                text.Append(Invariant($"- {result.Title}: {stages}; {result.Seconds:F2} s in all.\n"));
            }
            text.Append('\n');
        }

        if (report.Figures.Count > 0)
        {
            text.Append("## Figures\n\n");
            foreach (ReportFigure figure in report.Figures)
                text.Append(Invariant($"### {figure.Caption}\n\n![{figure.Caption}]({Uri.EscapeDataString(figure.FileName)})\n\n"));
        }

        if (report.Models.Count > 0)
        {
            text.Append("## Trained models\n\n");
            text.Append("Parameters as safetensors (load with `new Model(seed).Load(path)`, or in PyTorch with `safetensors.torch.load_file`), inference graphs as ONNX.\n\n");
            text.Append("| model | architecture | parameters | safetensors | ONNX |\n|---|---|---:|---|---|\n");
            foreach (SavedModel model in report.Models)
                text.Append(Invariant($"| {Escape(model.Title)} | `{model.Architecture}` | {model.ParameterCount:N0} | [{model.SafeTensorsFile}]({Uri.EscapeDataString(model.SafeTensorsFile)}) | [{model.OnnxFile}]({Uri.EscapeDataString(model.OnnxFile)}) |\n"));
            text.Append('\n');
        }

        var seeded = report.Results.Where(r => r.Seeds is { Count: > 0 }).ToList();
        if (seeded.Count > 0)
        {
            text.Append("## Seeds\n\n");
            foreach (ExerciseResult result in seeded)
            {
                string seeds = string.Join(", ", result.Seeds!.Select(s => Invariant($"{s.Key.Replace('_', ' ')} {s.Value}")));
                text.Append(Invariant($"- {result.Title}: {seeds}\n"));
            }
            text.Append('\n');
        }

        if (report.Runs.Count > 0)
        {
            text.Append("## Run statistics\n\n");
            foreach (RunHistory run in report.Runs)
            {
                string file = RunStatisticsCsv.FileName(run);
                text.Append(Invariant($"- {run.Title}: [{file}]({Uri.EscapeDataString(file)})\n"));
            }
            text.Append('\n');
        }

        text.Append("## Settings\n\n| flag | value |\n|---|---|\n");
        foreach (var (flag, value) in report.Settings)
            text.Append(Invariant($"| `{flag}` | {FormatSetting(value)} |\n"));

        text.Append("\n## Machine\n\n");
        text.Append(Invariant($"- processor: {report.Machine.Processor}\n"));
        text.Append(Invariant($"- cores: {report.Machine.Cores}\n"));
        text.Append(Invariant($"- runtime: {report.Machine.Runtime}\n"));
        text.Append(Invariant($"- operating system: {report.Machine.OperatingSystem}\n"));
        text.Append(Invariant($"- SIMD: {report.Machine.Simd}\n"));
        if (report.Machine.LoadAverage is { } loadAverage)
            text.Append(Invariant($"- load average (1, 5, 15 minutes) when the run started: {loadAverage}\n"));
        return text.ToString();
    }

    /// <summary>Writes <paramref name="report"/> atomically into <paramref name="folder"/>; returns the file's path.</summary>
    public static string Write(string folder, RunReport report)
    {
        string path = Path.Combine(folder, FileName);
        AtomicFile.WriteAllText(path, Render(report));
        return path;
    }

    private static string FormatSetting(object? value) => value switch
    {
        null => "—",
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()?.Replace("|", "\\|") ?? "—",
    };

    private static string Escape(string cell) => cell.Replace("|", "\\|");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
