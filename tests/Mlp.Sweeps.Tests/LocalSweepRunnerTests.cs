namespace Mlp.Sweeps.Tests;

public sealed class LocalSweepRunnerTests
{
    private static readonly TrialSettings Small = new() { Model = "small-ae", Epochs = 2, BatchSize = 20, MaxBatches = 6, Seed = 5 };

    private static IReadOnlyList<TrialSettings> FourTrials()
    {
        var registry = TestRegistry.Create();
        SweepAxis rates = SweepAxis.Of("lr", "1e-3", "1e-2");
        return [.. new SweepDefinition { Base = Small, Axes = [rates] }.Expand(registry),
                .. new SweepDefinition { Base = Small with { Noise = "masking", NoiseLevel = 0.25 }, Axes = [rates] }.Expand(registry)];
    }

    [Fact]
    public void ConcurrentTrialsGiveTheNumbersOfSequentialRunsBitForBit()
    {
        IReadOnlyList<TrialSettings> trials = FourTrials();
        var registry = TestRegistry.Create();
        using var folder = new TempFolder();
        var runner = new LocalSweepRunner(registry, TestRegistry.Data) { Parallelism = 2 };
        IReadOnlyList<TrialResult> concurrent = runner.Run(trials, new SweepFolder(folder.Path));

        var trainer = new TrialTrainer(registry, TestRegistry.Data);
        Assert.Equal(4, concurrent.Count);
        for (int i = 0; i < trials.Count; i++)
        {
            TrialOutcome alone = trainer.Run(trials[i], "sequential");
            Same.Numbers(alone.Result, concurrent[i]);
            Assert.Equal(alone.Model, File.ReadAllBytes(Path.Combine(folder.Path, "models", concurrent[i].ModelFile!)));
        }
        Assert.Contains(concurrent, r => r.RankingKey == "error(valid_noisy)");
        Assert.All(concurrent, r => Assert.Equal(TrialStatus.Completed, r.Status));
    }

    [Fact]
    public void AStoppedSweepSkipsFinishedTrialsAndResumesTheOthersFromTheirCheckpoints()
    {
        var registry = TestRegistry.Create();
        TrialSettings first = Small with { Epochs = 3 }, second = Small with { Epochs = 3, Seed = 6 };
        using var folder = new TempFolder();
        var sweep = new SweepFolder(folder.Path);
        var runner = new LocalSweepRunner(registry, TestRegistry.Data) { Parallelism = 1 };

        // Stop the sweep once the second trial has completed its first epoch: the first is finished, the second checkpointed.
        using var stop = new CancellationTokenSource();
        var progress = new RecordingProgress(e => { if (e.TrialId == second.Id && e.Row.Epoch == 1) stop.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => runner.Run([first, second], sweep, progress, stop.Token));
        Assert.NotNull(sweep.FindResult(first.Id));
        Assert.Null(sweep.FindResult(second.Id));
        Assert.Equal(1, sweep.Load(second.Id)!.EpochsCompleted);

        var again = new RecordingProgress(_ => { });
        IReadOnlyList<TrialResult> results = runner.Run([first, second], sweep, again);
        Assert.Equal([(second.Id, 1)], again.Started);
        Assert.Equal(1, results[1].ResumedFromEpoch);
        Assert.False(File.Exists(Path.Combine(folder.Path, "checkpoints", second.Id + ".ckpt")));

        var trainer = new TrialTrainer(registry, TestRegistry.Data);
        Same.Numbers(trainer.Run(first, "alone").Result, results[0]);
        TrialOutcome uninterrupted = trainer.Run(second, "alone");
        Same.Numbers(uninterrupted.Result, results[1]);
        Assert.Equal(uninterrupted.Model, File.ReadAllBytes(Path.Combine(folder.Path, "models", results[1].ModelFile!)));
    }

    [Fact]
    public void ADivergedTrialIsRecordedWithItsEpochAndBatchAndTheSweepGoesOn()
    {
        var registry = TestRegistry.Create();
        TrialSettings diverging = Small with { Model = "small-linear", Rule = "sgd", LearningRate = 1, Epochs = 2 };
        TrialSettings fine = Small with { Model = "small-clf" };
        using var folder = new TempFolder();
        IReadOnlyList<TrialResult> results = new LocalSweepRunner(registry, TestRegistry.Data) { Parallelism = 2 }
            .Run([diverging, fine], new SweepFolder(folder.Path));

        Assert.Equal(TrialStatus.Diverged, results[0].Status);
        Assert.NotNull(results[0].Divergence);
        Assert.Equal(1, results[0].Divergence!.Epoch);
        Assert.Equal(3, results[0].Divergence!.Batch);
        Assert.Contains("diverged", results[0].Divergence!.Message, StringComparison.Ordinal);
        Assert.Null(results[0].ModelFile);
        Assert.Equal(TrialStatus.Completed, results[1].Status);
        Assert.NotNull(results[1].FinalValidAccuracy);
        Assert.True(File.Exists(Path.Combine(folder.Path, "trials", diverging.Id + ".json")));
    }

    [Fact]
    public void FrozenLayersKeepTheirInitialWeights()
    {
        var registry = TestRegistry.Create();
        TrialSettings frozen = Small with { Model = "small-clf", FrozenLayers = 1 };
        TrialOutcome outcome = new TrialTrainer(registry, TestRegistry.Data).Run(frozen, "here");
        var trained = new SmallClassifier(1);
        using (var stream = new MemoryStream(outcome.Model!))
            Serialization.SafeTensorsSerializer.Load(trained, stream);
        var initial = new SmallClassifier(frozen.Seeds.Model);
        Assert.True(trained.Layer0Weights.Values.SequenceEqual(initial.Layer0Weights.Values));
        Assert.False(trained.Layer2Weights.Values.SequenceEqual(initial.Layer2Weights.Values));
    }

    [Fact]
    public void AnInvalidTrialStopsTheSweepBeforeAnythingRuns()
    {
        using var folder = new TempFolder();
        var sweep = new SweepFolder(folder.Path);
        var error = Assert.Throws<SweepDefinitionException>(() => new LocalSweepRunner(TestRegistry.Create(), TestRegistry.Data)
            .Run([Small, Small with { Seed = 9, LearningRate = -1 }], sweep));
        Assert.Equal("lr", error.Parameter);
        Assert.Empty(Directory.GetFiles(sweep.TrialsFolder));
        Assert.Empty(Directory.GetFiles(sweep.CheckpointsFolder));
    }

    private sealed class RecordingProgress(Action<TrialEpoch> onEpoch) : ISweepProgress
    {
        public List<(string Id, int From)> Started { get; } = [];

        public void SweepStarted(int total, int alreadyDone) { }

        public void TrialStarted(TrialSettings trial, int fromEpoch, string host)
        {
            lock (Started)
                Started.Add((trial.Id, fromEpoch));
        }

        public void TrialEpoch(TrialEpoch epoch) => onEpoch(epoch);

        public void TrialFinished(TrialResult result) { }
    }
}
