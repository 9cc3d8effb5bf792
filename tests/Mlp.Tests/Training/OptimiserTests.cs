using Mlp.Data;
using Mlp.Errors;
using Mlp.LearningRules;
using Mlp.Penalties;
using Mlp.Schedulers;
using Mlp.Tests.Generated;
using Mlp.Training;
using Xunit.Abstractions;

namespace Mlp.Tests.Training;

[Affine(784, 50)] [Affine(50, 784)]
public partial class LinearAutoencoder;

public sealed class OptimiserTests(ITestOutputHelper output)
{
    [Fact]
    public void TwoEpochsOfTheCourseLinearAutoencoderReachTheNumPyReferenceAndRepeatBitForBit()
    {
        (RunStatistics first, float[] firstWeights) = TrainLinearAutoencoder();
        (RunStatistics second, float[] secondWeights) = TrainLinearAutoencoder();

        // A course-style NumPy implementation gives 5.71–5.85 over six seeds after two epochs.
        double error = first.Final("error(train)");
        output.WriteLine($"train error after 2 epochs {error:F4}, valid {first.Final("error(valid)"):F4}, {first.MeanSecondsPerEpoch:F3} s per epoch");
        Assert.InRange(error, 5.78 * 0.97, 5.78 * 1.03);
        Assert.True(error < first.Rows[0]["error(train)"]);
        Assert.Equal(firstWeights, secondWeights);
        Assert.Equal(first.Column("error(train)"), second.Column("error(train)"));
        Assert.Equal(first.Column("error(valid)"), second.Column("error(valid)"));
    }

    private static (RunStatistics, float[]) TrainLinearAutoencoder()
    {
        var model = new LinearAutoencoder(seed: 123);
        var train = new MnistAutoencoderDataProvider(MnistSet.Train, batchSize: 50, seed: 124);
        var valid = new MnistAutoencoderDataProvider(MnistSet.Valid, batchSize: 50, shuffleOrder: false);
        var optimiser = new Optimiser(model, new SumOfSquaredDiffsError(), new GradientDescentLearningRule(0.01), train, valid);
        RunStatistics statistics = optimiser.Train(numEpochs: 2, statsInterval: 2);
        return (statistics, model.AllValues.ToArray());
    }

    [Fact]
    public void StatisticsAreTakenBeforeTrainingAndEveryIntervalWithEveryMonitorOnEverySet()
    {
        (Optimiser optimiser, _) = Classifier();
        var reports = new List<TrainingProgress>();
        optimiser.Progress = new SynchronousProgress<TrainingProgress>(reports.Add);

        RunStatistics run = optimiser.Train(numEpochs: 5, statsInterval: 2);

        Assert.Equal(["error(train)", "acc(train)", "error(valid)", "acc(valid)"], run.Keys);
        Assert.Equal([0, 2, 4], run.Epochs);
        Assert.Equal(5, run.EpochSeconds.Count);
        Assert.Equal([1, 2, 3, 4, 5], reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(5, r.LastEpoch));
        Assert.Equal([false, true, false, true, false], reports.Select(r => r.Statistics is not null));
        Assert.True(run.Final("error(train)") < run.Rows[0]["error(train)"]);
        Assert.InRange(run.Final("acc(train)"), 0.5, 1.0);
        Assert.StartsWith("epoch,seconds,error(train),acc(train),error(valid),acc(valid)\n0,,", run.ToCsv());
        Assert.Equal(4, run.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        RunStatistics more = optimiser.Train(numEpochs: 2, statsInterval: 2);   // continues the numbering, no second epoch 0
        Assert.Equal([6], more.Epochs);
        Assert.Equal(7, optimiser.EpochsCompleted);
    }

    [Fact]
    public void EvaluateAveragesTheErrorAndMonitorsOverTheWholeSetInChunks()
    {
        (Optimiser optimiser, InMemoryDataProvider data) = Classifier();
        optimiser.EvaluationBatchSize = 7;                      // 60 examples: chunks of 7 and a last one of 4

        IReadOnlyDictionary<string, double> values = optimiser.Evaluate(data);

        // One forward pass over all 60 may round differently from chunks (the kernels pick loop nests by shape).
        ReadOnlySpan<float> outputs = optimiser.Model.Forward(data.AllInputs, data.NumExamples);
        double error = new CrossEntropySoftmaxError().Value(outputs, data.AllTargets, data.NumExamples);
        Assert.Equal(error, values["error"], 1e-6 * error);
        double accuracy = new ClassificationAccuracy().Sum(outputs, data.AllTargets, data.NumExamples) / data.NumExamples;
        Assert.InRange(values["acc"], accuracy - 1.0 / data.NumExamples, accuracy + 1.0 / data.NumExamples);
    }

    [Fact]
    public void ATrainingStepWithAdamAllocatesNothing()
    {
        (Optimiser optimiser, _) = Classifier();
        Allocations.AssertNone(optimiser.DoTrainingEpoch);      // each epoch: forward, error gradient, backward, Adam, per batch
    }

    [Fact]
    public void ADivergingRunStopsNamingTheEpochBatchAndParameter()
    {
        (Optimiser optimiser, _) = Classifier(new GradientDescentLearningRule(1e30));
        var ex = Assert.Throws<TrainingDivergedException>(() => optimiser.Train(3));
        Assert.Equal(1, ex.Epoch);
        Assert.NotNull(ex.Batch);
        Assert.Matches(@"^Training diverged in epoch 1, batch \d+: layer\d\.(weights|biases)\[\d+\] became", ex.Message);
    }

    [Fact]
    public void AFrozenParameterThatIsNotFiniteStopsTheRun()
    {
        // The learning rule checks what it writes; the optimiser still checks the parameters it leaves alone (all of
        // them here, so that the infinity reaches no value the rule writes).
        (Optimiser optimiser, _) = Classifier();
        foreach (Parameter p in optimiser.Model.Parameters)
            p.IsFrozen = true;
        Parameter frozen = optimiser.Model.Parameters[1];
        frozen.Values[2] = float.PositiveInfinity;
        var ex = Assert.Throws<TrainingDivergedException>(optimiser.DoTrainingEpoch);
        Assert.Equal(0, ex.Batch);
        Assert.Contains($"{frozen.Name}[2] became", ex.Message);
    }

    [Fact]
    public void ARuleFromElsewhereIsCheckedAfterItsUpdate()
    {
        (Optimiser optimiser, _) = Classifier(new NaNAtStep(3));
        var ex = Assert.Throws<TrainingDivergedException>(() => optimiser.Train(1));
        Assert.Equal(2, ex.Batch);
        Assert.Contains("became NaN", ex.Message);
    }

    // Gradient descent that writes a NaN into the last parameter at one step: a rule the runtime does not know.
    private sealed class NaNAtStep(int step) : LearningRule(0.01)
    {
        private int _updates;

        protected override int StateBufferCount => 0;

        protected override void UpdateRange(Span<float> values, ReadOnlySpan<float> gradients, int offset)
        {
            _updates++;
            for (int i = 0; i < values.Length; i++)
                values[i] -= 0.01f * gradients[i];
            if (_updates == step)
                values[^1] = float.NaN;
        }
    }

    [Fact]
    public void FrozenParametersStayAsTheyWere()
    {
        (Optimiser optimiser, _) = Classifier();
        Parameter frozen = optimiser.Model.Parameters[0];
        frozen.IsFrozen = true;
        float[] before = frozen.Values.ToArray();
        float[] othersBefore = optimiser.Model.Parameters[2].Values.ToArray();
        optimiser.Train(2);
        Assert.Equal(before, frozen.Values.ToArray());
        Assert.NotEqual(othersBefore, optimiser.Model.Parameters[2].Values.ToArray());
    }

    [Fact]
    public void APenaltyIsAddedToTheErrorStatisticsAndTheSchedulerSetsTheRateEachEpoch()
    {
        (Optimiser optimiser, InMemoryDataProvider data) = Classifier();
        var penalty = new L2Penalty(0.01);
        double withoutPenalty = optimiser.Evaluate(data)["error"];
        optimiser.Penalty = penalty;
        Assert.Equal(withoutPenalty + penalty.Value(optimiser.Model), optimiser.Evaluate(data)["error"], 1e-12);

        optimiser.Scheduler = new CosineAnnealingWithWarmRestarts(0.0001, 0.01, totalItersPerPeriod: 4);
        optimiser.Train(3, statsInterval: 10);
        Assert.Equal(optimiser.Scheduler.LearningRateAt(2), optimiser.LearningRule.LearningRate);
    }

    [Fact]
    public void DataOfTheWrongWidthIsRefused()
    {
        var model = new ReluNet(seed: 1);                       // 7 inputs, 5 outputs
        var data = new InMemoryDataProvider(new float[40], new float[20], inputDim: 8, targetDim: 4, batchSize: 5);
        var ex = Assert.Throws<ArgumentException>(() => new Optimiser(model, new SumOfSquaredDiffsError(), new GradientDescentLearningRule(0.1), data));
        Assert.Equal("trainData", ex.ParamName);
        Assert.Contains("8 input features but the model takes 7", ex.Message);
    }

    [Fact]
    public void AccuracyCountsArgmaxMatchesWithTiesToTheFirst()
    {
        float[] outputs = [0.1f, 0.7f, 0.2f, /**/ 0.5f, 0.5f, 0f, /**/ 0.9f, 0f, 0.1f];
        float[] targets = [0f, 1f, 0f, /**/ 1f, 0f, 0f, /**/ 0f, 0f, 1f];
        Assert.Equal(2, new ClassificationAccuracy().Sum(outputs, targets, 3));
    }

    /// <summary>A small synthetic classification problem: the class is the position of the largest of the first 5 inputs.</summary>
    private static (Optimiser, InMemoryDataProvider) Classifier(LearningRule? rule = null)
    {
        const int n = 60;
        float[] inputs = TestData.Uniform(n * 7, -1, 1, seed: 5);
        var targets = new float[n * 5];
        for (int r = 0; r < n; r++)
        {
            int best = 0;
            for (int j = 1; j < 5; j++)
                if (inputs[r * 7 + j] > inputs[r * 7 + best]) best = j;
            targets[r * 5 + best] = 1;
        }
        var data = new InMemoryDataProvider(inputs, targets, 7, 5, batchSize: 10, seed: 3);
        var valid = new InMemoryDataProvider(inputs, targets, 7, 5, batchSize: 10, shuffleOrder: false);
        var optimiser = new Optimiser(new ReluNet(seed: 2), new CrossEntropySoftmaxError(), rule ?? new AdamLearningRule(0.01), data, valid,
            [new ClassificationAccuracy()]);
        return (optimiser, data);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
