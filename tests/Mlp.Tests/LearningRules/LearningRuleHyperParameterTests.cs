using Mlp.LearningRules;

namespace Mlp.Tests.LearningRules;

/// <summary>Hyper-parameters out of range are refused with the parameter's name; defaults are the course's.</summary>
public class LearningRuleHyperParameterTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-3)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void LearningRatesThatAreNotPositiveAreRefused(double learningRate)
    {
        AssertRefused("learningRate", () => new GradientDescentLearningRule(learningRate));
        AssertRefused("learningRate", () => new MomentumLearningRule(learningRate));
        AssertRefused("learningRate", () => new NesterovMomentumLearningRule(learningRate));
        AssertRefused("learningRate", () => new AdamLearningRule(learningRate));
        AssertRefused("learningRate", () => new AdaGradLearningRule(learningRate));
        AssertRefused("learningRate", () => new RMSPropLearningRule(learningRate));
        var rule = new AdamLearningRule();
        AssertRefused("LearningRate", () => rule.LearningRate = learningRate);
        Assert.Equal(1e-3, rule.LearningRate);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void DecayRatesOutsideTheUnitIntervalAreRefused(double rate)
    {
        AssertRefused("momCoeff", () => new MomentumLearningRule(0.1, rate));
        AssertRefused("momCoeff", () => new NesterovMomentumLearningRule(0.1, rate));
        AssertRefused("beta1", () => new AdamLearningRule(beta1: rate));
        AssertRefused("beta2", () => new AdamLearningRule(beta2: rate));
        AssertRefused("beta", () => new RMSPropLearningRule(beta: rate));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-8)]
    [InlineData(double.NaN)]
    public void EpsilonsThatAreNotPositiveAreRefused(double epsilon)
    {
        AssertRefused("epsilon", () => new AdamLearningRule(epsilon: epsilon));
        AssertRefused("epsilon", () => new AdaGradLearningRule(epsilon: epsilon));
        AssertRefused("epsilon", () => new RMSPropLearningRule(epsilon: epsilon));
    }

    [Fact]
    public void DefaultsAreTheCourses()
    {
        Assert.Equal(1e-3, new GradientDescentLearningRule().LearningRate);
        var momentum = new MomentumLearningRule();
        Assert.Equal((1e-3, 0.9), (momentum.LearningRate, momentum.MomentumCoefficient));
        var nesterov = new NesterovMomentumLearningRule();
        Assert.Equal((1e-3, 0.9), (nesterov.LearningRate, nesterov.MomentumCoefficient));
        var adam = new AdamLearningRule();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon));
        var adaGrad = new AdaGradLearningRule();
        Assert.Equal((1e-2, 1e-8), (adaGrad.LearningRate, adaGrad.Epsilon));
        var rmsProp = new RMSPropLearningRule();
        Assert.Equal((1e-3, 0.9, 1e-8), (rmsProp.LearningRate, rmsProp.Beta, rmsProp.Epsilon));
    }

    private static void AssertRefused(string parameter, Action create) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(create).ParamName);
}
