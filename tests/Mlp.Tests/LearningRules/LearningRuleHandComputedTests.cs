using Mlp.LearningRules;

namespace Mlp.Tests.LearningRules;

/// <summary>
/// Two or three steps of each rule worked out by hand, every parameter starting at 1 with the same gradient (26
/// parameters: the SIMD body and the scalar tail both run).
/// </summary>
public class LearningRuleHandComputedTests
{
    [Fact]
    public void GradientDescent() =>
        // 1 − 0.1·0.5 = 0.95, then 0.95 − 0.1·(−1) = 1.05.
        Check(new GradientDescentLearningRule(0.1), [0.5f, -1f], [0.95, 1.05]);

    [Fact]
    public void Momentum() =>
        // m = −0.1, p = 0.9; m = 0.5·(−0.1) − 0.1 = −0.15, p = 0.75; m = −0.075, p = 0.675.
        Check(new MomentumLearningRule(0.1, 0.5), [1f, 1f, 0f], [0.9, 0.75, 0.675]);

    [Fact]
    public void NesterovMomentum() =>
        // m = −0.1, p = 1 + 1.5·(−0.1) = 0.85; m = −0.15, p = 0.85 − 0.225 + 0.05 = 0.675;
        // m = −0.075, p = 0.675 − 0.1125 + 0.075 = 0.6375.
        Check(new NesterovMomentumLearningRule(0.1, 0.5), [1f, 1f, 0f], [0.85, 0.675, 0.6375]);

    [Fact]
    public void Adam() =>
        // t = 1: m = 0.5·2 = 1, v = 0.25·4 = 1, α = 0.1·sqrt(0.25)/0.5 = 0.1, p = 1 − 0.1/(1 + 1e−8) = 0.900000001.
        // t = 2: m = 0.5, v = 0.75, α = 0.1·sqrt(1 − 0.5625)/0.75 = 0.08819171, p = 0.9 − α·0.5/sqrt(0.75) = 0.84908249.
        Check(new AdamLearningRule(0.1, 0.5, 0.75, 1e-8), [2f, 0f], [0.900000001, 0.8490824938662132]);

    [Fact]
    public void AdamFirstStepMovesByTheLearningRate() =>
        // With the defaults, m/sqrt(v) = sign(g) at t = 1 and α₁ = lr·sqrt(0.001)/0.1: each parameter moves by lr = 1e−3.
        Check(new AdamLearningRule(), [0.37f], [0.999]);

    [Fact]
    public void AdaGrad() =>
        // s = 9, p = 1 − 0.1·3/3 = 0.9; s = 25, p = 0.9 − 0.1·4/5 = 0.82 (ε = 1e−8 moves these by < 1e−9).
        Check(new AdaGradLearningRule(0.1, 1e-8), [3f, 4f], [0.9000000000555556, 0.8200000000715556]);

    [Fact]
    public void RmsProp() =>
        // v = 0.5·4 = 2, p = 1 − 0.2/sqrt(2) = 0.85857864; v = 1 + 2 = 3, p = 0.85857864 − 0.2/sqrt(3) = 0.74310859.
        Check(new RMSPropLearningRule(0.1, 0.5, 1e-8), [2f, 2f], [0.8585786441162438, 0.7431085904707688]);

    private static void Check(LearningRule rule, float[] gradients, double[] expected)
    {
        var model = new SmallModel(1);
        model.AllValues.Fill(1f);
        rule.Initialise(model);
        for (int step = 0; step < gradients.Length; step++)
        {
            model.AllGradients.Fill(gradients[step]);
            rule.UpdateParameters();
            foreach (float value in model.AllValues)
                TestData.Close(expected[step], value, 2e-7, 0, $"after step {step + 1}");
        }
    }
}
