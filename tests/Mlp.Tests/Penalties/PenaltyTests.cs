using Mlp.Penalties;

namespace Mlp.Tests.Penalties;

/// <summary>L1 and L2 penalties: hand-computed values, finite-difference gradients, weights only.</summary>
public class PenaltyTests
{
    public static IEnumerable<object[]> Both => [[new L1Penalty(0.03)], [new L2Penalty(0.03)]];

    [Fact]
    public void ValuesOfATinyModelByHand()
    {
        var model = new TinyModel(1);
        float[] weights = [1, -2, 3, 0, 0.5f, -1];
        weights.CopyTo(model.Layer0Weights.Values);
        model.Layer0Biases.Values.Fill(10f); // not penalised
        // L2: 0.5·0.1·(1 + 4 + 9 + 0 + 0.25 + 1) = 0.7625; L1: 0.1·(1 + 2 + 3 + 0 + 0.5 + 1) = 0.75.
        TestData.Close(0.7625, new L2Penalty(0.1).Value(model), 1e-15);
        TestData.Close(0.75, new L1Penalty(0.1).Value(model), 1e-15);
    }

    [Fact]
    public void L1GradientIsTheSignWithSignOfZeroZero()
    {
        float[] w = [2f, -0.5f, 0f, -0f, 1e-30f, -3f, 0.25f, 7f, -7f, 0f], g = new float[w.Length];
        new L1Penalty(0.5).AddGradient(w, g);
        Assert.Equal([0.5f, -0.5f, 0f, 0f, 0.5f, -0.5f, 0.5f, 0.5f, -0.5f, 0f], g);
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void GradientsMatchFiniteDifferencesAndAreAddedToWeightsOnly(Penalty penalty)
    {
        var model = new SmallModel(1);
        Span<float> values = model.AllValues;
        for (int i = 0; i < values.Length; i++)
            values[i] = (i % 2 == 0 ? 1 : -1) * (0.1f + 0.03f * i); // no value near zero, where |w| bends
        Span<float> gradients = model.AllGradients;
        for (int i = 0; i < gradients.Length; i++)
            gradients[i] = 0.01f * i;
        float[] before = gradients.ToArray();

        penalty.AddGradients(model);
        float[] after = model.AllGradients.ToArray();
        foreach (Parameter p in model.Parameters)
        {
            for (int i = p.Offset; i < p.Offset + p.Length; i++)
            {
                if (p.Kind == ParameterKind.Biases)
                {
                    Assert.Equal(before[i], after[i]);
                    continue;
                }
                float original = model.AllValues[i];
                float plus = original + 1f / 1024, minus = original - 1f / 1024;
                model.AllValues[i] = plus;
                double ePlus = penalty.Value(model);
                model.AllValues[i] = minus;
                double eMinus = penalty.Value(model);
                model.AllValues[i] = original;
                double numeric = (ePlus - eMinus) / ((double)plus - minus);
                TestData.Close(numeric, after[i] - before[i], 1e-5, 1e-9, $"{p.Name}[{i - p.Offset}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void ModelPenaltiesAllocateNothing(Penalty penalty)
    {
        var model = new WideModel(1);
        penalty.AddGradients(model);
        penalty.Value(model);
        Allocations.AssertNone(() =>
        {
            for (int k = 0; k < 10; k++)
            {
                penalty.AddGradients(model);
                penalty.Value(model);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Both))]
    public void GradientSpansOfAnotherLengthAreRefused(Penalty penalty)
    {
        var e = Assert.Throws<ArgumentException>(() => penalty.AddGradient(new float[4], new float[3]));
        Assert.Equal("gradients", e.ParamName);
        Assert.Contains("4", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void CoefficientsThatAreNotPositiveAreRefused(double coefficient)
    {
        Assert.Equal("coefficient", Assert.Throws<ArgumentOutOfRangeException>(() => new L1Penalty(coefficient)).ParamName);
        Assert.Equal("coefficient", Assert.Throws<ArgumentOutOfRangeException>(() => new L2Penalty(coefficient)).ParamName);
    }
}
