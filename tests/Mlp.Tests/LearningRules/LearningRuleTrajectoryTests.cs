using Mlp.LearningRules;

namespace Mlp.Tests.LearningRules;

/// <summary>Each rule's trajectory over several steps against its double-precision reference.</summary>
public class LearningRuleTrajectoryTests
{
    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void FollowsTheReferenceForSeveralSteps(string name)
    {
        var model = new SmallModel(1);
        (LearningRule rule, ReferenceRule reference) = RuleCases.Create(name, model.AllValues.Length);
        RuleHarness.SetValues(model);
        rule.Initialise(model);
        double[] expected = RuleHarness.Values(model);
        for (int step = 1; step <= 5; step++)
        {
            RuleHarness.Step(rule, reference, model, expected, step);
            Assert.Equal(step, rule.StepCount);
            RuleHarness.AssertFollows(expected, model, $"step {step}");
        }
    }

    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void LeavesFrozenParametersUnchangedAndUpdatesTheRest(string name)
    {
        var model = new SmallModel(1);
        (LearningRule rule, ReferenceRule reference) = RuleCases.Create(name, model.AllValues.Length);
        RuleHarness.SetValues(model);
        // Freeze the two tensors in the middle of the buffer: two separate unfrozen runs remain (layer 0 weights, layer 2 biases).
        model.Layer0Biases.IsFrozen = true;
        model.Layer2Weights.IsFrozen = true;
        rule.Initialise(model);
        double[] initial = RuleHarness.Values(model);
        double[] expected = (double[])initial.Clone();
        for (int step = 1; step <= 3; step++)
            RuleHarness.Step(rule, reference, model, expected, step);
        double[] actual = RuleHarness.Values(model);
        foreach (Parameter p in model.Parameters)
        {
            for (int i = p.Offset; i < p.Offset + p.Length; i++)
            {
                if (p.IsFrozen)
                    Assert.Equal(initial[i], actual[i]);
                else
                    TestData.Close(expected[i], actual[i], 1e-5, 1e-6, $"{p.Name}[{i - p.Offset}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void FreezingAndUnfreezingBetweenStepsTakesEffectAtTheNextStep(string name)
    {
        var model = new SmallModel(1);
        (LearningRule rule, ReferenceRule reference) = RuleCases.Create(name, model.AllValues.Length);
        RuleHarness.SetValues(model);
        rule.Initialise(model);
        double[] expected = RuleHarness.Values(model);
        for (int step = 1; step <= 4; step++)
        {
            // Step 2 freezes layer 0's weights, step 3 also the last biases, step 4 unfreezes everything.
            model.Layer0Weights.IsFrozen = step is 2 or 3;
            model.Layer2Biases.IsFrozen = step == 3;
            RuleHarness.Step(rule, reference, model, expected, step);
            RuleHarness.AssertFollows(expected, model, $"step {step}");
        }
    }

    [Theory]
    [MemberData(nameof(RuleCases.All), MemberType = typeof(RuleCases))]
    public void AllFrozenChangesNothing(string name)
    {
        var model = new SmallModel(1);
        (LearningRule rule, _) = RuleCases.Create(name, model.AllValues.Length);
        foreach (Parameter p in model.Parameters)
            p.IsFrozen = true;
        rule.Initialise(model);
        double[] before = RuleHarness.Values(model);
        RuleHarness.SetGradients(model, 1);
        rule.UpdateParameters();
        Assert.Equal(before, RuleHarness.Values(model));
    }
}
