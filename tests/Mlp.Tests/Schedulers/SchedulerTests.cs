using Mlp.LearningRules;
using Mlp.Schedulers;

namespace Mlp.Tests.Schedulers;

/// <summary>Learning-rate schedules against schedules worked out by hand.</summary>
public class SchedulerTests
{
    [Fact]
    public void ConstantSchedulerSetsTheSameRateEveryEpoch()
    {
        var scheduler = new ConstantLearningRateScheduler(0.02);
        var rule = new GradientDescentLearningRule(0.5);
        foreach (int epoch in new[] { 0, 1, 7, 1000 })
        {
            rule.LearningRate = 0.5;
            Assert.Equal(0.02, scheduler.UpdateLearningRule(rule, epoch));
            Assert.Equal(0.02, rule.LearningRate);
        }
    }

    [Fact]
    public void CosineAnnealingWithGrowingPeriodsAndDiscountedRestarts()
    {
        // min 1e−4, max 1e−2, first period 4 epochs, each restart halves the maximum and doubles the period:
        // periods are epochs 0–3 (max 0.01), 4–11 (0.005), 12–27 (0.0025), 28–59 (0.00125).
        var scheduler = new CosineAnnealingWithWarmRestarts(1e-4, 1e-2, 4, 0.5, 2);
        (int Epoch, double Max, int Into, int Length)[] table =
        [
            (0, 0.01, 0, 4), (1, 0.01, 1, 4), (2, 0.01, 2, 4), (3, 0.01, 3, 4),
            (4, 0.005, 0, 8), (6, 0.005, 2, 8), (8, 0.005, 4, 8), (11, 0.005, 7, 8),
            (12, 0.0025, 0, 16), (20, 0.0025, 8, 16), (27, 0.0025, 15, 16), (28, 0.00125, 0, 32),
        ];
        foreach ((int epoch, double max, int into, int length) in table)
        {
            double expected = 1e-4 + 0.5 * (max - 1e-4) * (1 + Math.Cos(Math.PI * into / length));
            TestData.Close(expected, scheduler.LearningRateAt(epoch), 1e-14, 0, $"epoch {epoch}");
        }
        // A few as plain numbers: 1e−4 + 0.00495·(1 + cos(π/4)), the middle of period 1, the last epoch of period 1.
        TestData.Close(0.00855017856687341, scheduler.LearningRateAt(1), 1e-14);
        TestData.Close(0.00255, scheduler.LearningRateAt(8), 1e-14);
        TestData.Close(0.0002864951453473475, scheduler.LearningRateAt(11), 1e-12);
    }

    [Fact]
    public void CosineAnnealingWithEqualPeriods()
    {
        // Period 3, discount 0.9, minimum 0: 1, 0.75, 0.25, then 0.9 times that, then 0.81 times.
        var scheduler = new CosineAnnealingWithWarmRestarts(0, 1, 3, 0.9, 1);
        double[] expected = [1, 0.75, 0.25, 0.9, 0.675, 0.225, 0.81, 0.6075, 0.2025];
        for (int epoch = 0; epoch < expected.Length; epoch++)
            TestData.Close(expected[epoch], scheduler.LearningRateAt(epoch), 1e-14, 0, $"epoch {epoch}");
    }

    [Fact]
    public void AResumedRunContinuesTheSameSchedule()
    {
        // The course's own check: epochs 2000–2999 after 0–999 must match a run that went straight through.
        var scheduler = new CosineAnnealingWithWarmRestarts(0.0001, 0.01, 100, 0.9, 1.0);
        var rule = new AdamLearningRule();
        for (int epoch = 0; epoch < 1000; epoch++)
            scheduler.UpdateLearningRule(rule, epoch);
        // Epoch 2000 starts period 20 (max 0.01·0.9²⁰); epoch 2050 is half-way through it.
        double max20 = 0.01 * Math.Pow(0.9, 20);
        TestData.Close(max20, scheduler.UpdateLearningRule(rule, 2000), 1e-14);
        TestData.Close(max20, rule.LearningRate, 1e-14);
        TestData.Close(0.0001 + 0.5 * (max20 - 0.0001), scheduler.UpdateLearningRule(rule, 2050), 1e-14);
        var fresh = new CosineAnnealingWithWarmRestarts(0.0001, 0.01, 100, 0.9, 1.0);
        for (int epoch = 2000; epoch < 3000; epoch++)
            Assert.Equal(fresh.LearningRateAt(epoch), scheduler.UpdateLearningRule(rule, epoch));
    }

    [Fact]
    public void HyperParametersOutOfRangeAreRefused()
    {
        AssertRefused("learningRate", () => new ConstantLearningRateScheduler(0));
        AssertRefused("minLearningRate", () => new CosineAnnealingWithWarmRestarts(-1e-4, 1e-2, 10));
        AssertRefused("maxLearningRate", () => new CosineAnnealingWithWarmRestarts(1e-2, 1e-2, 10));
        AssertRefused("maxLearningRate", () => new CosineAnnealingWithWarmRestarts(0.03, 0, 25, 0.9, 3));
        AssertRefused("totalItersPerPeriod", () => new CosineAnnealingWithWarmRestarts(0, 1, 0));
        AssertRefused("maxLearningRateDiscountFactor", () => new CosineAnnealingWithWarmRestarts(0, 1, 10, 0));
        AssertRefused("maxLearningRateDiscountFactor", () => new CosineAnnealingWithWarmRestarts(0, 1, 10, 1.1));
        AssertRefused("periodIterationExpansionFactor", () => new CosineAnnealingWithWarmRestarts(0, 1, 10, 1, 0.5));
        AssertRefused("epochNumber", () => new CosineAnnealingWithWarmRestarts(0, 1, 10).LearningRateAt(-1));
        AssertRefused("epochNumber", () => new ConstantLearningRateScheduler(0.1).LearningRateAt(-1));
    }

    private static void AssertRefused(string parameter, Action action) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(action).ParamName);
}
