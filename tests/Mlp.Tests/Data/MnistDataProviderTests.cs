using Mlp.Data;

namespace Mlp.Tests.Data;

public class MnistDataProviderTests
{
    [Fact]
    public void ClassificationProviderServesImagesWithOneOfKTargetsAndLabels()
    {
        var provider = new MnistDataProvider(MnistSet.Valid, batchSize: 50, maxNumBatches: 10, seed: 3);

        Assert.Equal((784, 10, 10_000, 10), (provider.InputDim, provider.TargetDim, provider.NumExamples, provider.NumBatches));
        Assert.Equal(MnistSet.Valid, provider.Set);
        Assert.True(provider.HasLabels);
        int batches = 0;
        foreach (var batch in provider)
        {
            batches++;
            Assert.Equal(50, batch.Size);
            for (int r = 0; r < batch.Size; r++)
            {
                int example = batch.Indices[r], label = batch.Labels[r];
                // Independently: the validation set is images 50,000 onwards of the training file.
                Assert.Equal(IdxTestFiles.FileLabel(trainingFile: true, 50_000 + example), label);
                Assert.Equal(IdxTestFiles.FileImage(trainingFile: true, 50_000 + example).Select(b => b / 256f),
                    batch.Inputs.Slice(r * 784, 784).ToArray());
                for (int k = 0; k < 10; k++)
                    Assert.Equal(k == label ? 1f : 0f, batch.Targets[r * 10 + k]);
            }
        }
        Assert.Equal(10, batches);
    }

    [Fact]
    public void DefaultsAreTheCoursesAndTheTrainingSetHas500BatchesOf100()
    {
        var provider = new MnistDataProvider(MnistSet.Train);

        Assert.Equal((100, -1, true, 500), (provider.BatchSize, provider.MaxNumBatches, provider.ShuffleOrder, provider.NumBatches));
        Assert.Equal(new RandomGenerator(DataProvider.DefaultSeed).State,
            new MnistDataProvider(MnistSet.Train, shuffleOrder: false).Random.State);
    }

    [Fact]
    public void AutoencoderTargetsAreTheInputs()
    {
        var provider = new MnistAutoencoderDataProvider(MnistSet.Test, batchSize: 25, maxNumBatches: 4);

        Assert.Equal((784, 784), (provider.InputDim, provider.TargetDim));
        Assert.True(provider.AllTargets == provider.AllInputs, "all targets should share the inputs' memory");
        Assert.True(provider.HasLabels);
        foreach (var batch in provider)
        {
            Assert.True(batch.Targets == batch.Inputs, "a batch's targets should share its inputs' buffer");
            int example = batch.Indices[0];
            Assert.Equal(IdxTestFiles.FileImage(trainingFile: false, example).Select(b => b / 256f), batch.Inputs[..784].ToArray());
            Assert.Equal(IdxTestFiles.FileLabel(trainingFile: false, example), batch.Labels[0]);
        }
    }

    [Fact]
    public void AnMnistEpochAllocatesNothingAfterWarmUp()
    {
        var provider = new MnistDataProvider(MnistSet.Valid, batchSize: 50);
        InMemoryDataProviderTests.Sum(provider);

        Allocations.AssertNone(() => InMemoryDataProviderTests.Sum(provider));
    }

    [Fact]
    public void MnistArgumentsAreChecked()
    {
        Assert.Equal("maxNumBatches", Assert.Throws<ArgumentOutOfRangeException>(() => new MnistDataProvider(MnistSet.Test, maxNumBatches: 0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new MnistAutoencoderDataProvider(MnistSet.Test, batchSize: 10_001)).ParamName);
        Assert.Equal("which", Assert.Throws<ArgumentOutOfRangeException>(() => MnistData.Load((MnistSet)3)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => new MnistDataProvider((MnistData)null!)).ParamName);
    }
}
