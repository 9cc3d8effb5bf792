using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Mlp.Benchmarks;

/// <summary>Effective GFLOPS: the <see cref="FlopsAttribute"/> count divided by the mean time of one invocation.</summary>
public sealed class GflopsColumn : IColumn
{
    /// <inheritdoc/>
    public string Id => nameof(GflopsColumn);

    /// <inheritdoc/>
    public string ColumnName => "GFLOPS";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Effective GFLOPS: matrix-product FLOPs counted from the shapes / mean time";

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? flops = Flops(benchmarkCase);
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (flops is null || meanNs is null or <= 0)
            return "-";
        return (flops.Value / meanNs.Value).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <summary>The FLOPs of one invocation of <paramref name="benchmarkCase"/>, or null when it declares none.</summary>
    public static double? Flops(BenchmarkCase benchmarkCase)
    {
        var attribute = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<FlopsAttribute>();
        if (attribute is null)
            return null;
        object? batch = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "BatchSize")?.Value;
        return attribute.Count * (batch is int b ? b : 1.0);
    }
}
