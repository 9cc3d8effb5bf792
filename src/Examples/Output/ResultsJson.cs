using System.Globalization;
using System.Text;
using System.Text.Json;
using Mlp.Examples.Analysis;
using Mlp.Examples.Results;

namespace Mlp.Examples.Output;

/// <summary>
/// <c>results.json</c>: every figure of the results table under stable keys, <c>results[exercise][set][metric]</c>
/// (metrics <c>error</c>, <c>accuracy</c>, <c>best_error</c>, <c>best_accuracy</c>; set <c>timing</c> holds <c>seconds</c>,
/// <c>seconds_per_epoch</c> and <c>{stage}_seconds</c>; <c>seeds</c> the seed of each random draw), beside the titles, settings, machine,
/// figures, saved models, CSV files, stage times and total time; <c>linear_vs_pca</c> (exercise 1's code against PCA's
/// components: principal angles of the encoder, its codes and the decoder, final and per epoch, and the units'
/// correlations with the components' scores) and
/// <c>ex2_vs_linear</c> (exercise 2's errors against PCA's and exercise 1's) where those parts ran.
/// A diverged (non-finite) value is written as null.
/// </summary>
public static class ResultsJson
{
    /// <summary>The file's name in the output folder.</summary>
    public const string FileName = "results.json";

    /// <summary>The JSON text of <paramref name="report"/>, indented.</summary>
    public static string Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("results");
            foreach (ExerciseResult result in report.Results)
                WriteResult(json, result);
            json.WriteEndObject();

            json.WriteStartObject("titles");
            foreach (ExerciseResult result in report.Results)
                json.WriteString(result.Key, result.Title);
            json.WriteEndObject();

            json.WriteStartObject("settings");
            foreach (var (flag, value) in report.Settings)
                WriteSetting(json, flag.TrimStart('-').Replace('-', '_'), value);
            json.WriteEndObject();

            json.WriteStartObject("machine");
            json.WriteString("processor", report.Machine.Processor);
            json.WriteNumber("cores", report.Machine.Cores);
            json.WriteString("runtime", report.Machine.Runtime);
            json.WriteString("os", report.Machine.OperatingSystem);
            json.WriteString("simd", report.Machine.Simd);
            if (report.Machine.LoadAverage is { } load)
                json.WriteString("load_average", load);
            json.WriteEndObject();

            json.WriteStartArray("figures");
            foreach (ReportFigure figure in report.Figures)
            {
                json.WriteStartObject();
                json.WriteString("caption", figure.Caption);
                json.WriteString("file", figure.FileName);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("models");
            foreach (SavedModel model in report.Models)
            {
                json.WriteStartObject();
                json.WriteString("title", model.Title);
                json.WriteString("architecture", model.Architecture);
                json.WriteNumber("parameters", model.ParameterCount);
                json.WriteString("safetensors", model.SafeTensorsFile);
                json.WriteString("onnx", model.OnnxFile);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("statistics");
            foreach (RunHistory run in report.Runs)
                json.WriteStringValue(RunStatisticsCsv.FileName(run));
            json.WriteEndArray();

            json.WriteStartObject("stages");
            foreach (var (stage, seconds) in report.Stages)
                WriteNumber(json, $"{stage}_seconds", seconds);
            json.WriteEndObject();

            if (report.Subspaces is { } subspaces)
                WriteSubspaces(json, subspaces);
            if (report.NonLinearBelowPca.Count > 0 || report.NonLinearBelowLinear.Count > 0)
            {
                json.WriteStartObject("ex2_vs_linear");
                WriteComparisons(json, "pca", report.NonLinearBelowPca);
                WriteComparisons(json, "ex1", report.NonLinearBelowLinear);
                json.WriteEndObject();
            }

            WriteNumber(json, "total_seconds", report.TotalSeconds);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Writes <paramref name="report"/> atomically into <paramref name="folder"/>; returns the file's path.</summary>
    public static string Write(string folder, RunReport report)
    {
        string path = Path.Combine(folder, FileName);
        AtomicFile.WriteAllText(path, Render(report));
        return path;
    }

    private static void WriteResult(Utf8JsonWriter json, ExerciseResult result)
    {
        json.WriteStartObject(result.Key);
        foreach (SetResult set in result.Sets)
        {
            json.WriteStartObject(set.Set);
            WriteNumber(json, "error", set.Error);
            if (set.Accuracy is { } accuracy)
                WriteNumber(json, "accuracy", accuracy);
            if (set.BestError is { } bestError)
                WriteNumber(json, "best_error", bestError);
            if (set.BestAccuracy is { } bestAccuracy)
                WriteNumber(json, "best_accuracy", bestAccuracy);
            json.WriteEndObject();
        }
        json.WriteStartObject("timing");
        WriteNumber(json, "seconds", result.Seconds);
        if (result.SecondsPerEpoch is { } perEpoch)
            WriteNumber(json, "seconds_per_epoch", perEpoch);
        foreach (var (stage, seconds) in result.Stages ?? [])
            WriteNumber(json, $"{stage}_seconds", seconds);
        json.WriteEndObject();
        if (result.Seeds is { Count: > 0 } seeds)
        {
            json.WriteStartObject("seeds");
            foreach (var (use, seed) in seeds)
                json.WriteNumber(use, seed);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    // linear_vs_pca: final and per-epoch principal angles of the encoder and the decoder, per-component angles, unit cosines.
    private static void WriteSubspaces(Utf8JsonWriter json, SubspaceComparison subspaces)
    {
        json.WriteStartObject("linear_vs_pca");
        json.WriteNumber("components", subspaces.Components);
        json.WriteStartArray("epochs");
        foreach (EpochAngles epoch in subspaces.ByEpoch)
            json.WriteNumberValue(epoch.Epoch);
        json.WriteEndArray();
        WriteAngles(json, "encoder", subspaces.ByEpoch.Select(e => e.Encoder).ToList());
        WriteAngles(json, "codes", subspaces.ByEpoch.Select(e => e.Codes).ToList());
        WriteAngles(json, "decoder", subspaces.ByEpoch.Select(e => e.Decoder).ToList());
        WriteNumbers(json, "component_angles_degrees", subspaces.ComponentAngles);
        WriteNumber(json, "encoder_unvarying_share", subspaces.UnvaryingShare);
        WriteNumber(json, "last_kept_to_first_discarded_variance_gap", subspaces.LastGap);
        UnitCosines units = subspaces.Units;
        IReadOnlyList<double> best = units.BestMatch;
        json.WriteStartObject("unit_correlations");
        WriteNumber(json, "best_match_mean", best.Average());
        WriteNumber(json, "best_match_min", best.Min());
        WriteNumber(json, "best_match_max", best.Max());
        json.WriteNumber("units_matching_a_component", best.Count(b => b >= SubspaceComparison.SameDirectionCosine));
        WriteNumbers(json, "best_match", best);
        json.WriteStartArray("best_component");
        foreach (int component in units.BestComponent)
            json.WriteNumberValue(component + 1);
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteString("answer", subspaces.Answer());
        json.WriteEndObject();
    }

    private static void WriteAngles(Utf8JsonWriter json, string name, IReadOnlyList<PrincipalAngles> byEpoch)
    {
        json.WriteStartObject(name);
        WriteNumber(json, "largest_angle_degrees", byEpoch[^1].Largest);
        WriteNumber(json, "mean_angle_degrees", byEpoch[^1].Mean);
        WriteNumbers(json, "largest_angle_degrees_by_epoch", byEpoch.Select(a => a.Largest).ToList());
        WriteNumbers(json, "mean_angle_degrees_by_epoch", byEpoch.Select(a => a.Mean).ToList());
        WriteNumbers(json, "angles_degrees", byEpoch[^1].Degrees);
        json.WriteEndObject();
    }

    // ex2_vs_linear.{reference}.{set}: exercise 2's error, the reference's, and how far below it exercise 2 is.
    private static void WriteComparisons(Utf8JsonWriter json, string reference, IReadOnlyList<ErrorComparison> comparisons)
    {
        if (comparisons.Count == 0)
            return;
        json.WriteStartObject(reference);
        foreach (ErrorComparison comparison in comparisons)
        {
            json.WriteStartObject(comparison.Set);
            WriteNumber(json, "ex2_error", comparison.Error);
            WriteNumber(json, "reference_error", comparison.Reference);
            WriteNumber(json, "percent_below", comparison.PercentBelow);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (double value in values)
        {
            if (double.IsFinite(value))
                json.WriteNumberValue(value);
            else
                json.WriteNullValue();
        }
        json.WriteEndArray();
    }

    private static void WriteSetting(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case bool b: json.WriteBoolean(name, b); break;
            case int i: json.WriteNumber(name, i); break;
            case double d: WriteNumber(json, name, d); break;
            default: json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteNull(name);
    }
}
