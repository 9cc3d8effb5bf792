using System.Text.Json;
using System.Text.Json.Nodes;
using Mlp.Data;
using Mlp.Errors;
using Mlp.LearningRules;
using Mlp.Tests.Serialization;
using Mlp.Training;

namespace Mlp.Tests.Training;

/// <summary>
/// Checkpoints (version 3) carry the model's state that is not trained, so a resumed run keeps BatchNorm's running
/// statistics bit for bit; version 2 files, from before models had state, still load.
/// </summary>
public sealed class CheckpointStateTests
{
    [Fact]
    public void ARunResumedFromAFileContinuesWithTheSameStateBitForBit()
    {
        (Optimiser uninterrupted, StatefulModel reference) = Setup(seed: 1);
        uninterrupted.Train(numEpochs: 4);

        (Optimiser first, StatefulModel firstModel) = Setup(seed: 1);
        first.Train(numEpochs: 2);
        var file = new MemoryStream();
        CheckpointFile.Save(first.CreateCheckpoint(), file);
        TrainingCheckpoint loaded = CheckpointFile.Load(new MemoryStream(file.ToArray()), "checkpoint");
        Assert.Equal(firstModel.AllState.ToArray(), loaded.State.ToArray());

        (Optimiser resumed, StatefulModel model) = Setup(seed: 99);
        resumed.RestoreCheckpoint(loaded);
        resumed.Train(numEpochs: 2);
        Assert.Equal(reference.AllState.ToArray(), model.AllState.ToArray());
        Assert.Equal(reference.AllValues.ToArray(), model.AllValues.ToArray());
    }

    [Fact]
    public void ABatchNormRunResumedFromAFileEndsWithTheParametersAndRunningStatisticsOfTheUninterruptedRun()
    {
        using var folder = new TempFolder();
        Optimiser uninterrupted = BatchNormRun(seed: 1);
        uninterrupted.Train(numEpochs: 4);

        Optimiser first = BatchNormRun(seed: 1);
        first.Train(numEpochs: 2);
        string path = folder.File("checkpoint.zip");
        first.CreateCheckpoint().Save(path);

        Optimiser resumed = BatchNormRun(seed: 99);
        resumed.RestoreCheckpoint(path);
        resumed.Train(numEpochs: 2);
        Assert.NotEqual(new BatchNormAutoencoder(seed: 1).AllState.ToArray(), resumed.Model.AllState.ToArray());
        Assert.Equal(uninterrupted.Model.AllState.ToArray(), resumed.Model.AllState.ToArray());
        Assert.Equal(uninterrupted.Model.AllValues.ToArray(), resumed.Model.AllValues.ToArray());
    }

    [Fact]
    public void ACheckpointOfOtherStateIsRefusedFromAFileAndFromMemory()
    {
        using var folder = new TempFolder();
        string path = folder.File("stateless.zip");
        Optimiser stateless = CheckpointForgery.Run(seed: 1);
        stateless.CreateCheckpoint().Save(path);
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);
        Assert.Equal(0, checkpoint.State.Length);

        // Same architecture and parameter count, but the model keeps six state values the checkpoint does not have.
        (Optimiser stateful, StatefulModel model) = Setup(seed: 2);
        var forged = new TrainingCheckpoint(model.Architecture, 1, model.AllValues, model.Random.State, stateful.LearningRule.SaveState(),
            stateful.TrainData.GetState());
        float[] before = model.AllState.ToArray();
        var ex = Assert.Throws<ArgumentException>(() => stateful.RestoreCheckpoint(forged));
        Assert.Contains("0 state values", ex.Message);
        Assert.Equal(before, model.AllState.ToArray());

        string statefulPath = folder.File("stateful.zip");
        stateful.CreateCheckpoint().Save(statefulPath);
        byte[] edited = CheckpointForgery.EditState(File.ReadAllBytes(statefulPath), state => state["stateCount"] = 5);
        File.WriteAllBytes(statefulPath, edited);
        Assert.Contains("5 state values but the model keeps 6", Assert.Throws<InvalidDataException>(() => stateful.RestoreCheckpoint(statefulPath)).Message);
    }

    [Fact]
    public void AVersion2FileLoadsAsACheckpointWithoutStateAndResumesExactly()
    {
        Optimiser original = CheckpointForgery.Run(seed: 3);
        var file = new MemoryStream();
        CheckpointFile.Save(original.CreateCheckpoint(), file);
        byte[] version2 = AsVersion2(file.ToArray());
        Assert.DoesNotContain(CheckpointForgery.Entries(version2), e => e.Name == "state.f32");

        TrainingCheckpoint loaded = CheckpointFile.Load(new MemoryStream(version2), "version-2.zip");
        Assert.True(CheckpointForgery.Same(original.CreateCheckpoint(), loaded));
        Assert.Equal(0, loaded.State.Length);

        Optimiser resumed = CheckpointForgery.Run(seed: 4, train: false);
        resumed.RestoreCheckpoint(loaded);
        original.DoTrainingEpoch();
        resumed.DoTrainingEpoch();
        Assert.Equal(original.Model.AllValues.ToArray(), resumed.Model.AllValues.ToArray());
    }

    [Fact]
    public void AVersion2FileThatHoldsStateIsRefused()
    {
        var file = new MemoryStream();
        CheckpointFile.Save(CheckpointForgery.Run(seed: 5).CreateCheckpoint(), file);
        // Version 2 did not have state.f32: left in, it is an entry the checkpoint does not use.
        byte[] forged = AsVersion2(file.ToArray(), keepStateEntry: true);
        var ex = Assert.Throws<InvalidDataException>(() => CheckpointFile.Load(new MemoryStream(forged), "forged.zip"));
        Assert.Contains("'state.f32' is not part of a checkpoint", ex.Message);
    }

    // The checkpoint as version 2 wrote it: no state.f32, no stateCount, version 2 in both JSON files.
    private static byte[] AsVersion2(byte[] zip, bool keepStateEntry = false)
    {
        var entries = CheckpointForgery.Entries(zip).Where(e => keepStateEntry || e.Name != "state.f32").Select(e =>
        {
            if (e.Name is not ("checkpoint.json" or "manifest.json"))
                return e;
            JsonObject json = JsonNode.Parse(e.Bytes)!.AsObject();
            json["version"] = 2;
            json.Remove("stateCount");
            if (e.Name == "manifest.json" && !keepStateEntry)
            {
                JsonArray listed = json["entries"]!.AsArray();
                listed.Remove(listed.First(item => (string)item!["name"]! == "state.f32"));
            }
            return (e.Name, JsonSerializer.SerializeToUtf8Bytes(json));
        });
        return CheckpointForgery.Zip(entries, fixManifest: true);
    }

    private static Optimiser BatchNormRun(long seed)
    {
        float[] x = TestData.Uniform(60 * 12, 0, 1, seed: 13);
        var data = new InMemoryDataProvider(x, x, 12, 12, batchSize: 10, seed: seed);
        return new Optimiser(new BatchNormAutoencoder(seed: (int)seed), new SumOfSquaredDiffsError(), new AdamLearningRule(0.01), data);
    }

    private static (Optimiser, StatefulModel) Setup(long seed)
    {
        var model = new StatefulModel(seed: (int)seed);
        float[] x = TestData.Uniform(60 * SmallModel.InputDim, 0, 1, seed: 11), y = TestData.Uniform(60 * SmallModel.OutputDim, 0, 1, seed: 12);
        var data = new InMemoryDataProvider(x, y, SmallModel.InputDim, SmallModel.OutputDim, batchSize: 10, seed: seed);
        return (new Optimiser(model, new SumOfSquaredDiffsError(), new AdamLearningRule(0.01), data), model);
    }
}

[Affine(12, 20)] [BatchNorm] [Relu] [Dropout(0.7f)] [Affine(20, 12)] [Sigmoid]
public partial class BatchNormAutoencoder;
