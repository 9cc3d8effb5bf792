using Mlp.Initialisers;

namespace Mlp.Tests.Initialisers;

/// <summary>Statistics of drawn values, fan-in and fan-out from each parameter's shape, and seeded reproducibility.</summary>
public class InitialiserTests
{
    [Fact]
    public void UniformInitDrawsFromTheRange()
    {
        var model = new WideModel(1);
        model.Initialise(weights: new UniformInit(-2, 3), biases: new ConstantInit(0.5f), seed: 7);
        foreach (Parameter p in model.Parameters)
        {
            if (p.Kind == ParameterKind.Biases)
            {
                Assert.All(p.Values.ToArray(), v => Assert.Equal(0.5f, v));
                continue;
            }
            float[] values = p.Values.ToArray();
            Assert.All(values, v => Assert.InRange(v, -2f, 3f));
            Assert.True(values.Min() < -1.9f && values.Max() > 2.9f, $"{p.Name} does not span the range");
            SampleStatistics.AssertMean(values, 0.5, 5 / Math.Sqrt(12));
            SampleStatistics.AssertVariance(values, 25.0 / 12, 1.8);
        }
    }

    [Fact]
    public void NormalInitDrawsWithTheMeanAndStandardDeviation()
    {
        var model = new WideModel(1);
        model.Initialise(weights: new NormalInit(0.3, 2.0), biases: new NormalInit(-1, 0.5), seed: 7);
        float[] weights = model.Layer0Weights.Values.ToArray();
        SampleStatistics.AssertMean(weights, 0.3, 2.0);
        SampleStatistics.AssertVariance(weights, 4.0, 3);
        // Normal draws: about 4.6% of them lie beyond two standard deviations.
        double beyond = weights.Count(v => Math.Abs(v - 0.3) > 4.0) / (double)weights.Length;
        TestData.Close(0.0455, beyond, 0, 5 * Math.Sqrt(0.0455 * 0.9545 / weights.Length), "fraction beyond 2σ");
        SampleStatistics.AssertMean(model.Layer0Biases.Values, -1, 0.5);
    }

    [Fact]
    public void GlorotNormalInitTakesFanInAndFanOutFromEachShape()
    {
        var model = new WideModel(1);
        model.Initialise(weights: new GlorotNormalInit(gain: 1.5), biases: new ConstantInit(0f), seed: 11);
        // Layer 0 weights (100, 400): std = 1.5·sqrt(2/500); layer 2 weights (20, 100): std = 1.5·sqrt(2/120).
        (Parameter Weights, double Std)[] cases = [(model.Layer0Weights, 1.5 * Math.Sqrt(2.0 / 500)), (model.Layer2Weights, 1.5 * Math.Sqrt(2.0 / 120))];
        foreach ((Parameter weights, double std) in cases)
        {
            SampleStatistics.AssertMean(weights.Values, 0, std);
            SampleStatistics.AssertVariance(weights.Values, std * std, 3);
        }
        Assert.All(model.Layer0Biases.Values.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void GlorotUniformInitTakesFanInAndFanOutFromEachShape()
    {
        var model = new WideModel(1);
        model.Initialise(weights: new GlorotUniformInit(), biases: new ConstantInit(0f), seed: 3);
        (Parameter Weights, double Bound)[] cases = [(model.Layer0Weights, Math.Sqrt(6.0 / 500)), (model.Layer2Weights, Math.Sqrt(6.0 / 120))];
        foreach ((Parameter weights, double bound) in cases)
        {
            float[] values = weights.Values.ToArray();
            Assert.All(values, v => Assert.InRange(v, -bound, bound));
            Assert.True(values.Max() > 0.95 * bound, $"{weights.Name} does not reach its bound {bound}");
            SampleStatistics.AssertVariance(values, bound * bound / 3, 1.8);
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameValuesAndAnotherSeedOthers()
    {
        IInitialiser[] initialisers = [new UniformInit(-1, 1), new NormalInit(0, 1), new GlorotNormalInit()];
        foreach (IInitialiser init in initialisers)
        {
            var a = new SmallModel(1);
            var b = new SmallModel(2);
            var c = new SmallModel(3);
            a.Initialise(weights: init, biases: init, seed: 7);
            b.Initialise(weights: init, biases: init, seed: 7);
            c.Initialise(weights: init, biases: init, seed: 8);
            Assert.Equal(a.AllValues.ToArray(), b.AllValues.ToArray());
            Assert.NotEqual(a.AllValues.ToArray(), c.AllValues.ToArray());
        }
    }

    [Fact]
    public void HyperParametersOutOfRangeAreRefused()
    {
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformInit(1, 1)).ParamName);
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformInit(1, 0)).ParamName);
        Assert.Equal("low", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformInit(double.NaN, 1)).ParamName);
        Assert.Equal("high", Assert.Throws<ArgumentOutOfRangeException>(() => new UniformInit(0, double.PositiveInfinity)).ParamName);
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalInit(0, 0)).ParamName);
        Assert.Equal("std", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalInit(0, -1)).ParamName);
        Assert.Equal("mean", Assert.Throws<ArgumentOutOfRangeException>(() => new NormalInit(double.NaN, 1)).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => new GlorotNormalInit(0)).ParamName);
        Assert.Equal("gain", Assert.Throws<ArgumentOutOfRangeException>(() => new GlorotNormalInit(double.NaN)).ParamName);
    }
}
