using Mlp.Data;
using Mlp.Errors;
using Mlp.LearningRules;
using Mlp.Schedulers;
using Mlp.Serialization;
using Mlp.Training;

namespace Mlp.Tests.Training;

[Affine(12, 20)] [Relu] [Dropout(0.7f)] [Affine(20, 12)] [Sigmoid]
public partial class DropoutAutoencoder;

/// <summary>
/// A run resumed from a checkpoint file — into fresh objects built with other seeds — ends bit-for-bit where the
/// uninterrupted run does: parameters, Adam's moments, dropout masks, the noisy provider's order and generators.
/// </summary>
public sealed class CheckpointTests
{
    [Fact]
    public void AResumedRunReproducesTheUninterruptedRunExactly()
    {
        using var folder = new TempFolder();
        (Optimiser uninterrupted, IModel reference) = Setup(seed: 1);
        RunStatistics full = uninterrupted.Train(numEpochs: 5, statsInterval: 1);

        (Optimiser first, _) = Setup(seed: 1);
        first.CheckpointFolder = folder.Path;
        first.CheckpointInterval = 2;
        first.Train(numEpochs: 3, statsInterval: 1);
        string saved = Path.Combine(folder.Path, "checkpoint-epoch-0002.zip");
        Assert.True(File.Exists(saved));
        Assert.False(File.Exists(Path.Combine(folder.Path, "checkpoint-epoch-0003.zip")));

        (Optimiser resumed, IModel model) = Setup(seed: 99);   // different weights, data order and noise until restored
        resumed.RestoreCheckpoint(TrainingCheckpoint.Load(saved));
        Assert.Equal(2, resumed.EpochsCompleted);
        RunStatistics rest = resumed.Train(numEpochs: 3, statsInterval: 1);

        Assert.Equal(reference.AllValues.ToArray(), model.AllValues.ToArray());
        Assert.Equal([3, 4, 5], rest.Epochs);
        Assert.Equal(full.Column("error(train)").Skip(3), rest.Column("error(train)"));
        Assert.Equal(full.Column("error(valid)").Skip(3), rest.Column("error(valid)"));
        Assert.Equal(uninterrupted.LearningRule.LearningRate, resumed.LearningRule.LearningRate);
    }

    [Fact]
    public void ACheckpointOfAnotherArchitectureIsRefusedAndChangesNothing()
    {
        (Optimiser optimiser, IModel model) = Setup(seed: 1);
        optimiser.Train(1);
        TrainingCheckpoint checkpoint = optimiser.CreateCheckpoint();
        var other = new Optimiser(new ReluNetForCheckpoints(seed: 1), new SumOfSquaredDiffsError(), new AdamLearningRule(), Data(12, seed: 1));
        float[] before = other.Model.AllValues.ToArray();
        Assert.Equal("checkpoint", Assert.Throws<ArgumentException>(() => other.RestoreCheckpoint(checkpoint)).ParamName);
        Assert.Equal(before, other.Model.AllValues.ToArray());
        Assert.Equal(0, other.EpochsCompleted);
    }

    [Fact]
    public void ADamagedCheckpointFileIsAnInvalidDataExceptionNamingTheFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("bad.zip");
        File.WriteAllBytes(path, [1, 2, 3, 4]);
        var ex = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path));
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void TheBestModelByValidationErrorIsKeptAndSaved()
    {
        using var folder = new TempFolder();
        (Optimiser optimiser, IModel model) = Setup(seed: 3);
        optimiser.KeepBestModel = true;
        optimiser.BestModelPath = folder.File("best.safetensors");
        RunStatistics run = optimiser.Train(numEpochs: 4, statsInterval: 1);

        int best = run.Rows.MinBy(r => r["error(valid)"])!.Epoch;
        Assert.Equal(best, optimiser.BestEpoch);
        Assert.Equal(run.Rows.Min(r => r["error(valid)"]), optimiser.BestValidError);
        var fromFile = new DropoutAutoencoder(seed: 5);
        fromFile.Load(optimiser.BestModelPath);
        optimiser.RestoreBestModel();
        Assert.Equal(fromFile.AllValues.ToArray(), model.AllValues.ToArray());
        Assert.Equal(optimiser.BestValidError!.Value, optimiser.Evaluate(optimiser.ValidData!)["error"], 1e-12);
    }

    private static (Optimiser, IModel) Setup(long seed)
    {
        var model = new DropoutAutoencoder(seed: (int)seed);
        var train = new NoisyDataProvider(Data(12, seed), new MaskingNoise(0.2), seed: seed + 1);
        var valid = new InMemoryDataProvider(TestData.Uniform(40 * 12, 0, 1, seed: 7), TestData.Uniform(40 * 12, 0, 1, seed: 7), 12, 12, batchSize: 10, shuffleOrder: false);
        var optimiser = new Optimiser(model, new SumOfSquaredDiffsError(), new AdamLearningRule(0.01), train, valid)
        {
            Scheduler = new CosineAnnealingWithWarmRestarts(0.001, 0.01, totalItersPerPeriod: 3),
        };
        return (optimiser, model);
    }

    private static InMemoryDataProvider Data(int width, long seed)
    {
        float[] x = TestData.Uniform(100 * width, 0, 1, seed: 11);
        return new InMemoryDataProvider(x, x, width, width, batchSize: 10, seed: seed);
    }
}

[Affine(12, 20)] [Relu] [Affine(20, 12)]
public partial class ReluNetForCheckpoints;
