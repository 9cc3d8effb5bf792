using Mlp.Sweeps;

namespace Mlp.Examples.Sweeps;

/// <summary>What the <c>sweep</c> verb was asked to do.</summary>
/// <param name="Definition">The sweep.</param>
/// <param name="OutputDirectory">Where <c>sweep.json</c>, the CSV, <c>report.md</c>, plots and per-trial files go.</param>
/// <param name="DataDirectory">MNIST's folder.</param>
/// <param name="Parallelism">Trials run at once on this machine.</param>
/// <param name="Cluster">The Redis <c>host:port</c> of a cluster to run the sweep on, or null to run it here.</param>
/// <param name="Attach">The id of a running cluster sweep to follow instead of submitting one, or null.</param>
public sealed record SweepRequest(SweepDefinition Definition, string OutputDirectory, string DataDirectory, int Parallelism, string? Cluster, string? Attach);
