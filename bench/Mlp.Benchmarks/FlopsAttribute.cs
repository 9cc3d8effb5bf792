namespace Mlp.Benchmarks;

/// <summary>
/// The floating-point operations one invocation of a benchmark performs, counted from the shapes as
/// 2·m·n·k per matrix product (elementwise work is not counted). When the benchmark class has a
/// <c>BatchSize</c> parameter the count is per example and is multiplied by it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FlopsAttribute(long count) : Attribute
{
    /// <summary>Operations per invocation, or per example when the benchmark has a <c>BatchSize</c> parameter.</summary>
    public long Count { get; } = count;
}
