namespace Mlp.Errors;

/// <summary>Argument checks shared by the error functions.</summary>
internal static class ErrorGuard
{
    /// <summary>Checks a batch of outputs and targets and returns the number of values per example.</summary>
    public static int RowWidth(int outputsLength, int targetsLength, int batchSize)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        if (targetsLength != outputsLength)
            throw new ArgumentException($"targets has {targetsLength} values but outputs has {outputsLength}; they must be the same length.", "targets");
        if (outputsLength == 0 || outputsLength % batchSize != 0)
            throw new ArgumentException($"outputs has {outputsLength} values, which is not a whole, non-empty row per example for a batch of {batchSize}.", "outputs");
        return outputsLength / batchSize;
    }

    /// <summary>Throws unless the gradient span matches the outputs.</summary>
    public static void GradientLength(int outputsLength, int gradsLength)
    {
        if (gradsLength != outputsLength)
            throw new ArgumentException($"gradsWrtOutputs has {gradsLength} values but outputs has {outputsLength}; they must be the same length.", "gradsWrtOutputs");
    }

    /// <summary>Throws unless there is one per-example slot per example.</summary>
    public static void PerExampleLength(int batchSize, int errorsLength)
    {
        if (errorsLength != batchSize)
            throw new ArgumentException($"errors has {errorsLength} values but the batch has {batchSize} examples; they must be equal.", "errors");
    }
}
