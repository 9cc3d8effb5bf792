using Mlp.LearningRules;
using Mlp.Tests.Kernels;

namespace Mlp.Tests.LearningRules;

/// <summary>
/// Each rule reports whether every value it wrote is finite (the optimiser's divergence check, made inside the update
/// loops): for a NaN or an infinity in the vector body or the scalar tail of the buffer, on one thread and two.
/// </summary>
[Collection(KernelWorkerCollection.Name)]
public class LearningRuleFinitenessTests
{
    public static TheoryData<string, int, int> Cases
    {
        get
        {
            var data = new TheoryData<string, int, int>();
            // 79,234 parameters: index 0 and 40,000 lie in whole vectors, 79,233 in the scalar tail.
            foreach (string name in RuleCases.Names)
            {
                foreach (int threads in new[] { 1, 2 })
                {
                    foreach (int index in new[] { 0, 40_000, 79_233 })
                        data.Add(name, threads, index);
                }
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ARuleReportsAValueItMadeInfiniteOrNaN(string name, int threads, int index)
    {
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity })
        {
            var model = new KernelTestAutoencoder(seed: 8);
            LearningRule rule = RuleCases.Create(name, model.AllValues.Length).Rule;
            rule.Initialise(model);
            using (new KernelScope(KernelPath.Avx512, threads))
            {
                new RandomGenerator(9).FillUniform(model.AllGradients, -1, 1);
                rule.UpdateParameters();
                Assert.True(rule.UpdatedValuesFinite, $"{name}: finite gradients were reported as giving non-finite values.");
                model.AllGradients[index] = bad;
                rule.UpdateParameters();
            }
            Assert.False(float.IsFinite(model.AllValues[index]), $"{name}: a {bad} gradient left parameter {index} finite.");
            Assert.False(rule.UpdatedValuesFinite, $"{name}: parameter {index} became {model.AllValues[index]} unreported ({threads} threads).");
        }
    }

    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void ANonFiniteGradientOfAFrozenParameterChangesNothingAndIsNotReported(string name)
    {
        var model = new SmallModel(1);
        LearningRule rule = RuleCases.Create(name, model.AllValues.Length).Rule;
        model.Layer0Biases.IsFrozen = true;
        rule.Initialise(model);
        float before = model.Layer0Biases.Values[0];
        model.Layer0Biases.Gradients[0] = float.NaN;
        rule.UpdateParameters();
        Assert.Equal(before, model.Layer0Biases.Values[0]);
        Assert.True(rule.UpdatedValuesFinite);
    }
}
