using Mlp.LearningRules;

namespace Mlp.Tests.LearningRules;

/// <summary>Reset, checkpoint state and the absence of per-step allocation.</summary>
public class LearningRuleStateTests
{
    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void ResetStartsAfreshFromTheCurrentValues(string name)
    {
        (SmallModel model, LearningRule rule) = AfterThreeSteps(name);
        rule.Reset();
        Assert.Equal(0, rule.StepCount);
        float[] resetFrom = model.AllValues.ToArray();

        var fresh = new SmallModel(1);
        resetFrom.CopyTo(fresh.AllValues);
        (LearningRule freshRule, _) = RuleCases.Create(name, fresh.AllValues.Length);
        freshRule.Initialise(fresh);
        RuleHarness.Steps(rule, model, 4, 5);
        RuleHarness.Steps(freshRule, fresh, 4, 5);
        Assert.Equal(fresh.AllValues.ToArray(), model.AllValues.ToArray());
    }

    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void RestoredStateContinuesIdentically(string name)
    {
        (SmallModel model, LearningRule rule) = AfterThreeSteps(name);
        rule.LearningRate *= 0.5; // as a scheduler would: restored too
        LearningRuleState state = rule.SaveState();
        float[] checkpoint = model.AllValues.ToArray();
        RuleHarness.Steps(rule, model, 4, 6);

        var resumed = new SmallModel(2);
        checkpoint.CopyTo(resumed.AllValues);
        (LearningRule resumedRule, _) = RuleCases.Create(name, resumed.AllValues.Length);
        resumedRule.Initialise(resumed);
        resumedRule.RestoreState(state);
        Assert.Equal(3, resumedRule.StepCount);
        Assert.Equal(rule.LearningRate, resumedRule.LearningRate);
        RuleHarness.Steps(resumedRule, resumed, 4, 6);
        Assert.Equal(model.AllValues.ToArray(), resumed.AllValues.ToArray());
    }

    [Fact]
    public void SavedStateIsACopyOfTheBuffers()
    {
        var model = new SmallModel(1);
        var rule = new AdamLearningRule();
        rule.Initialise(model);
        RuleHarness.SetGradients(model, 1);
        rule.UpdateParameters();
        LearningRuleState state = rule.SaveState();
        float[] firstMoments = state.Buffers[0].ToArray();
        rule.UpdateParameters();
        Assert.Equal(firstMoments, state.Buffers[0].ToArray());
        Assert.Equal(2, state.Buffers.Count);
        Assert.Equal(nameof(AdamLearningRule), state.Rule);
        Assert.Equal(1, state.StepCount);
        // m = (1 − β₁)·g after one step: the buffer really holds the first moments.
        float[] g = model.AllGradients.ToArray();
        for (int i = 0; i < g.Length; i++)
            TestData.Close(0.1 * g[i], firstMoments[i], 1e-6, 1e-9);
    }

    [Fact]
    public void StateFromAnotherRuleOrModelSizeIsRefused()
    {
        var model = new SmallModel(1);
        var adam = new AdamLearningRule();
        adam.Initialise(model);
        var momentum = new MomentumLearningRule();
        momentum.Initialise(model);
        Assert.Equal("state", Assert.Throws<ArgumentException>(() => momentum.RestoreState(adam.SaveState())).ParamName);

        var tiny = new TinyModel(1);
        var tinyAdam = new AdamLearningRule();
        tinyAdam.Initialise(tiny);
        var e = Assert.Throws<ArgumentException>(() => tinyAdam.RestoreState(adam.SaveState()));
        Assert.Contains("26", e.Message);
        Assert.Contains("8", e.Message);
    }

    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void UsingARuleBeforeInitialiseIsRefused(string name)
    {
        LearningRule rule = RuleCases.CreateDefault(name);
        Assert.Throws<InvalidOperationException>(rule.UpdateParameters);
        Assert.Throws<InvalidOperationException>(() => rule.SaveState());
    }

    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void UpdatesAllocateNothingAfterInitialise(string name)
    {
        var model = new WideModel(1);
        LearningRule rule = RuleCases.CreateDefault(name);
        model.Layer2Biases.IsFrozen = true;
        rule.Initialise(model);
        RuleHarness.SetGradients(model, 1);
        rule.UpdateParameters();
        Allocations.AssertNone(() =>
        {
            for (int step = 0; step < 20; step++)
            {
                model.Layer0Biases.IsFrozen = step % 2 == 0; // ranges rebuilt in place
                rule.UpdateParameters();
            }
        });
    }

    /// <summary>Rule <paramref name="name"/> on a small model from the harness's values, after steps 1 to 3.</summary>
    private static (SmallModel Model, LearningRule Rule) AfterThreeSteps(string name)
    {
        var model = new SmallModel(1);
        (LearningRule rule, _) = RuleCases.Create(name, model.AllValues.Length);
        RuleHarness.SetValues(model);
        rule.Initialise(model);
        RuleHarness.Steps(rule, model, 1, 3);
        return (model, rule);
    }
}
