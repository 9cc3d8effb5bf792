using System.Collections.Immutable;

namespace Mlp.Data;

/// <summary>
/// A saved position of a <see cref="DataProvider"/>, for checkpoints: restoring it with
/// <see cref="DataProvider.SetState"/> makes the provider serve exactly the batches it would have served next.
/// Plain data (an immutable array, two numbers and nested state) so that it serialises easily.
/// </summary>
public sealed class DataProviderState
{
    /// <summary>Creates a state from its parts; <see cref="DataProvider.SetState"/> checks them against the provider.</summary>
    /// <param name="order">The current order of the examples (a permutation of their original indices); empty for a decorator.</param>
    /// <param name="currentBatch">How many batches of the current epoch have been served.</param>
    /// <param name="random">The state of the provider's own generator.</param>
    /// <param name="source">A decorator's source provider's state; <c>null</c> for a provider that owns its data.</param>
    public DataProviderState(ImmutableArray<int> order, int currentBatch, RandomGeneratorState random, DataProviderState? source = null)
    {
        if (order.IsDefault)
            throw new ArgumentException("The order must be an initialised array (empty for a decorator).", nameof(order));
        if (currentBatch < 0)
            throw new ArgumentOutOfRangeException(nameof(currentBatch), currentBatch, "The batch position cannot be negative.");
        Order = order;
        CurrentBatch = currentBatch;
        Random = random;
        Source = source;
    }

    /// <summary>
    /// The current order: position <c>i</c> of the epoch serves example <c>Order[i]</c> of the original order.
    /// Empty for a decorator (<see cref="InputTransformingDataProvider"/>), whose order is its source's.
    /// </summary>
    public ImmutableArray<int> Order { get; }

    /// <summary>How many batches of the current epoch have been served (the course's <c>_curr_batch</c>); 0 for a decorator.</summary>
    public int CurrentBatch { get; }

    /// <summary>The state of the provider's own <see cref="DataProvider.Random"/> generator.</summary>
    public RandomGeneratorState Random { get; }

    /// <summary>For a decorator, the state of the provider it wraps; otherwise <c>null</c>.</summary>
    public DataProviderState? Source { get; }
}
