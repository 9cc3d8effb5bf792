using Mlp.Data;

namespace Mlp.Tests.Data;

public class InMemoryDataProviderTests
{
    [Theory]
    [InlineData(100, 10, -1, 10)]
    [InlineData(25, 10, -1, 2)]   // whole batches only: the last 5 examples are skipped
    [InlineData(100, 10, 3, 3)]
    [InlineData(100, 10, 20, 10)] // capped by what the data holds
    [InlineData(7, 7, -1, 1)]
    public void NumBatchesCountsWholeBatchesCappedByMaxNumBatches(int numExamples, int batchSize, int maxNumBatches, int expected)
    {
        var provider = EncodedData.Provider(numExamples, batchSize, maxNumBatches);

        Assert.Equal(expected, provider.NumBatches);
        Assert.Equal(numExamples, provider.NumExamples);
        Assert.Equal(expected, EncodedData.Epoch(provider).Count);
        Assert.Equal(expected, EncodedData.Epoch(provider).Count);
    }

    [Fact]
    public void UnshuffledEpochServesTheExamplesInOrderAndSkipsTheRemainder()
    {
        var provider = EncodedData.Provider(numExamples: 25, batchSize: 10, shuffleOrder: false);

        for (int epoch = 0; epoch < 2; epoch++)
        {
            var batches = EncodedData.Epoch(provider);
            Assert.Equal(2, batches.Count);
            Assert.Equal(Enumerable.Range(0, 10), batches[0]);
            Assert.Equal(Enumerable.Range(10, 10), batches[1]);
        }
    }

    [Fact]
    public void ShuffledEpochsArePermutationsOfAllExamplesInDifferentOrders()
    {
        var provider = EncodedData.Provider(numExamples: 100, batchSize: 10);
        var epochs = new List<int[]>();

        for (int epoch = 0; epoch < 4; epoch++)
        {
            int[] order = EncodedData.Epoch(provider).SelectMany(b => b).ToArray();
            Assert.Equal(Enumerable.Range(0, 100), order.Order());
            epochs.Add(order);
        }

        Assert.NotEqual(Enumerable.Range(0, 100), epochs[0]);
        for (int a = 0; a < epochs.Count; a++)
            for (int b = a + 1; b < epochs.Count; b++)
                Assert.NotEqual(epochs[a], epochs[b]);
    }

    [Fact]
    public void MaxNumBatchesServesThatManyDistinctBatchesAndReshufflesTheWholeSet()
    {
        var provider = EncodedData.Provider(numExamples: 100, batchSize: 10, maxNumBatches: 3);
        var seen = new HashSet<int>();

        for (int epoch = 0; epoch < 20; epoch++)
        {
            var ids = EncodedData.Epoch(provider).SelectMany(b => b).ToArray();
            Assert.Equal(30, ids.Length);
            Assert.Equal(30, ids.Distinct().Count());
            seen.UnionWith(ids);
        }

        // Each epoch draws a fresh permutation of all 100, so over 20 epochs examples beyond the first 30 appear.
        Assert.True(seen.Count > 90, $"only {seen.Count} distinct examples in 20 epochs");
    }

    [Fact]
    public void SameSeedGivesSameBatchesAndAnotherSeedDifferentOnes()
    {
        var a = EncodedData.Provider(seed: 42);
        var b = EncodedData.Provider(seed: 42);
        var c = EncodedData.Provider(seed: 43);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            var ea = EncodedData.Epoch(a);
            Assert.Equal(ea, EncodedData.Epoch(b));
            Assert.NotEqual(ea, EncodedData.Epoch(c));
        }
    }

    [Fact]
    public void BatchIndicesAndLabelsFollowTheServedExamples()
    {
        int n = 40;
        var labels = Enumerable.Range(0, n).Select(i => (i * 7) % 5).ToArray();
        var provider = new InMemoryDataProvider(EncodedData.Inputs(n, 3), EncodedData.Targets(n, 2), labels, 3, 2, batchSize: 8);

        Assert.True(provider.HasLabels);
        foreach (var batch in provider)
        {
            int[] ids = EncodedData.ExampleIds(batch);
            Assert.Equal(ids, batch.Indices.ToArray());
            Assert.Equal(ids.Select(i => (i * 7) % 5), batch.Labels.ToArray());
        }
    }

    [Fact]
    public void ProviderWithoutLabelsServesEmptyLabels()
    {
        var provider = EncodedData.Provider();

        Assert.False(provider.HasLabels);
        Assert.True(provider.AllLabels.IsEmpty);
        foreach (var batch in provider)
            Assert.True(batch.Labels.IsEmpty);
    }

    [Fact]
    public void AllInputsAndTargetsStayInTheOriginalOrder()
    {
        float[] inputs = EncodedData.Inputs(30, 3), targets = EncodedData.Targets(30, 2);
        var provider = new InMemoryDataProvider(inputs, targets, 3, 2, batchSize: 5);

        EncodedData.Epoch(provider);
        EncodedData.Epoch(provider);

        Assert.Equal(inputs, provider.AllInputs.ToArray());
        Assert.Equal(targets, provider.AllTargets.ToArray());
    }

    [Fact]
    public void ResetWithoutShufflingRestartsAtTheFirstExample()
    {
        var provider = EncodedData.Provider(numExamples: 50, batchSize: 10, shuffleOrder: false);
        foreach (var batch in provider)
        {
            if (EncodedData.ExampleIds(batch)[0] == 20)
                break;
        }
        Assert.Equal(3, provider.CurrentBatch);

        provider.Reset();

        Assert.Equal(0, provider.CurrentBatch);
        var batches = EncodedData.Epoch(provider);
        Assert.Equal(5, batches.Count);
        Assert.Equal(Enumerable.Range(0, 50), batches.SelectMany(b => b));
    }

    [Fact]
    public void ResetWithShufflingRestartsWithAFreshShuffleOfTheOriginalOrder()
    {
        var provider = EncodedData.Provider(numExamples: 50, batchSize: 10);
        EncodedData.Epoch(provider);
        var generatorBeforeReset = provider.Random.State;

        provider.Reset();

        // As the course's reset(): original order, then new_epoch() shuffles it with the (not reseeded) generator.
        var expected = Enumerable.Range(0, 50).ToArray();
        new RandomGenerator(generatorBeforeReset).Shuffle(expected.AsSpan());
        Assert.Equal(expected, EncodedData.Epoch(provider).SelectMany(b => b));
    }

    [Fact]
    public void ALoopLeftEarlyIsContinuedByTheNextForeach()
    {
        var provider = EncodedData.Provider(numExamples: 50, batchSize: 10, shuffleOrder: false);
        foreach (var batch in provider)
            break;

        var rest = EncodedData.Epoch(provider);
        Assert.Equal(4, rest.Count);
        Assert.Equal(10, rest[0][0]);
        Assert.Equal(5, EncodedData.Epoch(provider).Count);
    }

    [Fact]
    public void SameArrayForInputsAndTargetsSharesTheBatchBuffer()
    {
        float[] data = EncodedData.Inputs(20, 4);
        var provider = new InMemoryDataProvider(data, data, 4, 4, batchSize: 5);

        foreach (var batch in provider)
        {
            Assert.True(batch.Targets == batch.Inputs, "targets should be the inputs' own span");
            for (int r = 0; r < batch.Size; r++)
            {
                int id = batch.Indices[r];
                Assert.Equal(data.AsSpan(id * 4, 4).ToArray(), batch.Inputs.Slice(r * 4, 4).ToArray());
            }
        }
    }

    [Fact]
    public void AnEpochAllocatesNothingAfterWarmUp()
    {
        var provider = new InMemoryDataProvider(EncodedData.Inputs(200, 16), EncodedData.Targets(200, 4),
            Enumerable.Range(0, 200).ToArray(), 16, 4, batchSize: 10);
        Sum(provider);
        Sum(provider);

        float total = 0;
        Allocations.AssertNone(() => total = Sum(provider)); // a whole epoch, including the reshuffle that starts the next
        Assert.NotEqual(0f, total);
    }

    internal static float Sum(DataProvider provider)
    {
        float total = 0;
        foreach (var batch in provider)
            total += batch.Inputs[^1] + batch.Targets[0] + (batch.Labels.IsEmpty ? 0 : batch.Labels[0]);
        return total;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    [InlineData(int.MinValue)]
    public void MaxNumBatchesOfZeroOrBelowMinusOneIsRejected(int maxNumBatches)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => EncodedData.Provider(maxNumBatches: maxNumBatches));
        Assert.Equal("maxNumBatches", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public void BatchSizeOutsideOneToNumExamplesIsRejected(int batchSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => EncodedData.Provider(numExamples: 100, batchSize: batchSize));
        Assert.Equal("batchSize", e.ParamName);
    }

    [Fact]
    public void InconsistentArraysAreRejectedNamingTheArgument()
    {
        float[] inputs = EncodedData.Inputs(10, 3), targets = EncodedData.Targets(10, 2);

        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => new InMemoryDataProvider(inputs[..^1], targets, 3, 2, 5)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => new InMemoryDataProvider([], [], 3, 2, 5)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => new InMemoryDataProvider(inputs, targets[..^2], 3, 2, 5)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new InMemoryDataProvider(inputs, targets, new int[9], 3, 2, 5)).ParamName);
        Assert.Equal("inputDim", Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryDataProvider(inputs, targets, 0, 2, 5)).ParamName);
        Assert.Equal("targetDim", Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryDataProvider(inputs, targets, 3, -1, 5)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentNullException>(() => new InMemoryDataProvider(null!, targets, 3, 2, 5)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentNullException>(() => new InMemoryDataProvider(inputs, null!, 3, 2, 5)).ParamName);
    }

    [Fact]
    public void DataBatchChecksItsSpans()
    {
        float[] inputs = new float[6], targets = new float[4];

        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => new DataBatch(inputs, targets, [], [], 0)).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => new DataBatch(inputs.AsSpan(0, 5), targets, [], [], 2)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => new DataBatch(inputs, targets.AsSpan(0, 3), [], [], 2)).ParamName);
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => new DataBatch(inputs, targets, [1], [], 2)).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentException>(() => new DataBatch(inputs, targets, [], [1, 2, 3], 2)).ParamName);

        var batch = new DataBatch(inputs, targets, [4, 5], [0, 1], 2);
        Assert.Equal((2, 3, 2), (batch.Size, batch.InputDim, batch.TargetDim));
    }
}
