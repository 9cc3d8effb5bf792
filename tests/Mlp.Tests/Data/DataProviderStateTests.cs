using System.Collections.Immutable;
using Mlp.Data;

namespace Mlp.Tests.Data;

public class DataProviderStateTests
{
    [Fact]
    public void RestoringAMidEpochStateReproducesTheFollowingBatchesExactly()
    {
        var original = EncodedData.Provider(numExamples: 60, batchSize: 6, seed: 1);
        EncodedData.Epoch(original);
        TakeBatches(original, 4);
        DataProviderState state = original.GetState();
        Assert.Equal(4, state.CurrentBatch);
        var expected = TakeBatches(original, 30); // the rest of this epoch and two more, across reshuffles

        var restored = EncodedData.Provider(numExamples: 60, batchSize: 6, seed: 999);
        restored.SetState(state);

        Assert.Equal(4, restored.CurrentBatch);
        Assert.Equal(expected, TakeBatches(restored, 30));
    }

    [Fact]
    public void StateSavedAtAnEpochBoundaryReproducesTheNextEpoch()
    {
        var original = EncodedData.Provider(seed: 5);
        EncodedData.Epoch(original);
        var state = original.GetState();
        var nextEpoch = EncodedData.Epoch(original);

        var restored = EncodedData.Provider(seed: 6);
        restored.SetState(state);

        Assert.Equal(nextEpoch, EncodedData.Epoch(restored));
    }

    [Fact]
    public void SavedStateIsASnapshot()
    {
        var provider = EncodedData.Provider(numExamples: 20, batchSize: 5);
        var state = provider.GetState();
        int[] order = state.Order.ToArray();
        var random = state.Random;

        EncodedData.Epoch(provider);
        EncodedData.Epoch(provider);

        Assert.Equal(order, state.Order.ToArray());
        Assert.Equal(random, state.Random);
        Assert.Equal(0, state.CurrentBatch);
    }

    [Fact]
    public void StatesThatDoNotFitAreRejected()
    {
        var provider = EncodedData.Provider(numExamples: 10, batchSize: 5);
        var good = provider.GetState();
        var random = good.Random;

        Assert.Throws<ArgumentException>(() => provider.SetState(new DataProviderState([.. Enumerable.Range(0, 9)], 0, random)));
        Assert.Throws<ArgumentException>(() => provider.SetState(new DataProviderState([0, 1, 2, 3, 4, 5, 6, 7, 8, 8], 0, random)));
        Assert.Throws<ArgumentException>(() => provider.SetState(new DataProviderState([0, 1, 2, 3, 4, 5, 6, 7, 8, 10], 0, random)));
        Assert.Throws<ArgumentException>(() => provider.SetState(new DataProviderState(good.Order, 3, random)));
        Assert.Throws<ArgumentException>(() => provider.SetState(new DataProviderState(good.Order, 0, default)));
        Assert.Throws<ArgumentException>(() => provider.SetState(new DataProviderState(good.Order, 0, random, good)));
        Assert.Throws<ArgumentNullException>(() => provider.SetState(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DataProviderState(good.Order, -1, random));
        Assert.Throws<ArgumentException>(() => new DataProviderState(default, 0, random));

        // A rejected state leaves the provider as it was.
        Assert.Equal(good.Order.ToArray(), provider.GetState().Order.ToArray());
        provider.SetState(new DataProviderState(good.Order, 2, random)); // the end of an epoch is a valid position
        Assert.Empty(EncodedData.Epoch(provider));
    }

    private static List<int[]> TakeBatches(DataProvider provider, int count)
    {
        var batches = new List<int[]>();
        while (batches.Count < count)
        {
            if (provider.TryGetNextBatch(out var batch))
                batches.Add(EncodedData.ExampleIds(batch));
        }
        return batches;
    }
}
