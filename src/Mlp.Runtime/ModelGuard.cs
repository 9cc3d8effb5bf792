using System.ComponentModel;

namespace Mlp;

/// <summary>Argument checks shared by generated models, so each generated method stays short.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ModelGuard
{
    /// <summary>
    /// Throws unless <paramref name="batchSize"/> is positive, its widest activation fits an array, and the
    /// inputs hold exactly one batch.
    /// </summary>
    public static void CheckForward(int inputLength, int batchSize, int inputDim, int maxWidth)
    {
        if (batchSize <= 0)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        if ((long)batchSize * maxWidth > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"A batch of {batchSize} rows of {maxWidth} features does not fit one array; use smaller batches.");
        CheckLength("inputs", inputLength, (long)batchSize * inputDim, batchSize, inputDim, "InputDim");
    }

    /// <summary>Throws unless a gradient span matches the last forward batch.</summary>
    public static void CheckBackward(string argument, int length, int batchSize, int dim, string dimName)
    {
        if (batchSize == 0)
            throw new InvalidOperationException("Backward needs a preceding Forward: there is no batch to back-propagate through.");
        CheckLength(argument, length, (long)batchSize * dim, batchSize, dim, dimName);
    }

    /// <summary>
    /// Claims a model for one Forward or Backward call: <paramref name="inUse"/> goes from 0 to 1, or, when another
    /// thread holds it, the call fails before touching any buffer. One interlocked exchange, no lock.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another thread is in Forward or Backward on the same model.</exception>
    public static void Enter(ref int inUse, string architecture)
    {
        if (Interlocked.CompareExchange(ref inUse, 1, 0) != 0)
            throw ConcurrentUse(architecture);
    }

    /// <summary>Releases the claim of <see cref="Enter"/>.</summary>
    public static void Exit(ref int inUse) => Volatile.Write(ref inUse, 0);

    private static InvalidOperationException ConcurrentUse(string architecture) =>
        new($"Models are single-threaded: Forward or Backward was called on a model ({architecture}) while another thread " +
            "was in Forward or Backward on the same instance, which would mix the two calls' activations. Use a model per " +
            "thread (copy the parameters across with source.AllValues.CopyTo(copy.AllValues)), or take turns with a lock.");

    /// <summary>The exception for a layer index outside the model.</summary>
    public static ArgumentOutOfRangeException LayerIndexOutOfRange(int index, int layerCount) =>
        new(nameof(index), index, $"The model has {layerCount} layers (0 to {layerCount - 1}).");

    private static void CheckLength(string argument, int actual, long expected, int batchSize, int dim, string dimName)
    {
        if (actual != expected)
            throw new ArgumentException(
                $"Expected {expected} values (batchSize {batchSize} × {dimName} {dim}) but got {actual}.", argument);
    }
}
