namespace Mlp.Sweeps.Tests;

public sealed class SweepDefinitionTests
{
    private static readonly TrialSettings Base = new() { Model = "small-ae", Epochs = 2 };

    [Fact]
    public void AGridCrossesEveryListedValue()
    {
        IReadOnlyList<TrialSettings> trials = new SweepDefinition
        {
            Base = Base with { Noise = "masking", NoiseLevel = 0.25 },
            Axes = [SweepAxis.Of("noise-level", "0.1", "0.25", "0.5"), SweepAxis.Of("lr", "1e-4", "1e-3", "1e-2")],
        }.Expand(TestRegistry.Create());

        Assert.Equal(9, trials.Count);
        Assert.Equal(9, trials.Select(t => t.Id).Distinct().Count());
        Assert.Equal([0.1, 0.1, 0.1, 0.25, 0.25, 0.25, 0.5, 0.5, 0.5], trials.Select(t => t.NoiseLevel));
        Assert.Equal([1e-4, 1e-3, 1e-2], trials.Take(3).Select(t => t.LearningRate));
    }

    [Fact]
    public void RandomSearchIsSeededAndDrawsWithinItsRanges()
    {
        SweepDefinition definition = new()
        {
            Base = Base,
            Search = SearchKind.Random,
            RandomTrials = 12,
            RandomSeed = 7,
            Axes = [SweepAxis.Range("lr", 1e-4, 1e-1), SweepAxis.Of("seed", "1", "2", "3")],
        };
        IReadOnlyList<TrialSettings> first = definition.Expand(TestRegistry.Create());
        IReadOnlyList<TrialSettings> again = definition.Expand(TestRegistry.Create());
        IReadOnlyList<TrialSettings> other = (definition with { RandomSeed = 8 }).Expand(TestRegistry.Create());

        Assert.Equal(12, first.Count);
        Assert.Equal(first.Select(t => t.Id), again.Select(t => t.Id));
        Assert.NotEqual(first.Select(t => t.Id), other.Select(t => t.Id));
        Assert.All(first, t => Assert.InRange(t.LearningRate, 1e-4, 1e-1));
        Assert.All(first, t => Assert.Contains(t.Seed, new[] { 1, 2, 3 }));
        // Log-uniform: about a third of the draws fall in each decade.
        Assert.Contains(first, t => t.LearningRate < 1e-3);
        Assert.Contains(first, t => t.LearningRate > 1e-2);
    }

    [Theory]
    [InlineData("model", "no-such-model", "model: unknown model 'no-such-model'; this build knows small-ae, small-clf, small-linear")]
    [InlineData("lr", "20", "lr: the learning rate must be greater than 0 and at most 10, got 20")]
    [InlineData("lr", "fast", "lr: 'fast' is not a number (learning rate)")]
    [InlineData("batch-size", "0", "batch-size: must be from 1 to 50000, got 0")]
    [InlineData("epochs", "0", "epochs: must be from 1 to 10000, got 0")]
    [InlineData("rule", "lbfgs", "rule: unknown learning rule 'lbfgs'; expected one of sgd, momentum, nesterov, adam, adagrad, rmsprop")]
    [InlineData("freeze", "2", "freeze: model 'small-ae' has 2 Affine layers, so from 0 to 1 can be frozen, got 2")]
    [InlineData("noise-level", "0.5", "noise-level: there is no noise (noise none), so the level must be 0, got 0.5")]
    public void ABadValueIsRejectedNamingTheParameter(string parameter, string value, string message)
    {
        var error = Assert.Throws<SweepDefinitionException>(() =>
            new SweepDefinition { Base = Base, Axes = [SweepAxis.Of(parameter, value)] }.Expand(TestRegistry.Create()));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void AnEmptyListATwiceListedValueOrARangeInAGridIsRejected()
    {
        var registry = TestRegistry.Create();
        Assert.Equal("lr: has no values, so the sweep would have no trials", Assert.Throws<SweepDefinitionException>(() =>
            new SweepDefinition { Base = Base, Axes = [SweepAxis.Of("lr")] }.Expand(registry)).Message);
        Assert.Equal("lr: lists the value 0.001 twice", Assert.Throws<SweepDefinitionException>(() =>
            new SweepDefinition { Base = Base, Axes = [SweepAxis.Of("lr", "1e-3", "0.001")] }.Expand(registry)).Message);
        Assert.Equal("lr: a range (low..high) needs random search; a grid needs listed values", Assert.Throws<SweepDefinitionException>(() =>
            new SweepDefinition { Base = Base, Axes = [SweepAxis.Range("lr", 1e-3, 1e-2)] }.Expand(registry)).Message);
        Assert.Equal("optimizer: not a sweep parameter; expected one of model, rule, lr, batch-size, epochs, max-batches, noise, noise-level, freeze, seed",
            Assert.Throws<SweepDefinitionException>(() => new SweepDefinition { Base = Base, Axes = [SweepAxis.Of("optimizer", "adam")] }.Expand(registry)).Message);
    }

    [Fact]
    public void ATrialsIdDependsOnItsSettingsAloneAndResultsRoundTripThroughJson()
    {
        TrialSettings a = Base with { LearningRate = 1e-3 }, b = Base with { LearningRate = 0.001 }, c = Base with { LearningRate = 0.002 };
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Id, c.Id);
        Assert.Matches("^[0-9a-f]{12}$", a.Id);

        var row = new EpochRow(1, 0.5, new Dictionary<string, double> { ["error(valid)"] = 0.1 + 0.2, ["error(train)"] = 1.0 / 3 });
        var result = new TrialResult { Settings = a, Id = a.Id, Status = TrialStatus.Completed, RankingKey = "error(valid)", Epochs = [row], Host = "h" };
        TrialResult back = SweepJson.Read<TrialResult>(SweepJson.Write(result), "test");
        Same.Numbers(result, back);
        Assert.Equal(a, back.Settings);
    }

    [Fact]
    public void ADamagedCheckpointIsAnErrorNamingItsSource()
    {
        var error = Assert.Throws<InvalidDataException>(() => TrialCheckpoint.FromBytes([1, 2, 3], "checkpoints/abc.ckpt"));
        Assert.Contains("checkpoints/abc.ckpt", error.Message, StringComparison.Ordinal);
    }
}
