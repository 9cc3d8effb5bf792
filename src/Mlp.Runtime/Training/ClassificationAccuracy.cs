namespace Mlp.Training;

/// <summary>
/// The fraction of examples whose largest output is at the position of the largest target (one-of-K targets),
/// as the course's <c>acc</c> monitor; ties go to the first position, like NumPy's <c>argmax</c>.
/// </summary>
public sealed class ClassificationAccuracy : IMonitor
{
    /// <inheritdoc />
    public string Name => "acc";

    /// <inheritdoc />
    public double Sum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (targets.Length != outputs.Length)
            throw new ArgumentException($"targets has {targets.Length} values but outputs has {outputs.Length}.", nameof(targets));
        if (outputs.Length % batchSize != 0)
            throw new ArgumentException($"outputs has {outputs.Length} values, not a whole number of rows for a batch of {batchSize}.", nameof(outputs));
        int width = outputs.Length / batchSize;
        int correct = 0;
        for (int r = 0; r < batchSize; r++)
        {
            ReadOnlySpan<float> y = outputs.Slice(r * width, width), t = targets.Slice(r * width, width);
            if (ArgMax(y) == ArgMax(t))
                correct++;
        }
        return correct;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }
}
