namespace Mlp.Training;

/// <summary>
/// A statistic of a model's outputs tracked during training beside the error (the course's data monitors,
/// e.g. classification accuracy), reported per data set as <c>name(train)</c> and <c>name(valid)</c>.
/// </summary>
public interface IMonitor
{
    /// <summary>The short name used in statistics keys, e.g. <c>acc</c>.</summary>
    string Name { get; }

    /// <summary>The sum over the batch's examples of the statistic; the data set's value is the sum over all batches divided by the number of examples.</summary>
    /// <param name="outputs">Model outputs, row-major <c>(batchSize, dim)</c>.</param>
    /// <param name="targets">Targets, laid out as <paramref name="outputs"/>.</param>
    /// <param name="batchSize">The number of examples.</param>
    double Sum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batchSize);
}
