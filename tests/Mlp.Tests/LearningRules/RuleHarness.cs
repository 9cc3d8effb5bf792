using Mlp.LearningRules;

namespace Mlp.Tests.LearningRules;

/// <summary>Sets a model's values and per-step gradients by hand, runs a rule's steps with them, and reads them back as doubles.</summary>
internal static class RuleHarness
{
    /// <summary>Deterministic, varied starting values in about [−1, 1].</summary>
    public static void SetValues(IModel model)
    {
        Span<float> values = model.AllValues;
        for (int i = 0; i < values.Length; i++)
            values[i] = MathF.Sin(1.7f * i + 0.3f);
    }

    /// <summary>Deterministic gradients for step <paramref name="step"/>, of mixed signs and magnitudes (some zero).</summary>
    public static void SetGradients(IModel model, int step)
    {
        Span<float> gradients = model.AllGradients;
        for (int i = 0; i < gradients.Length; i++)
            gradients[i] = i % 11 == 5 ? 0f : (float)(Math.Cos(0.9 * i + 2.1 * step) * (1 + i % 3));
    }

    /// <summary>Updates <paramref name="model"/> by <paramref name="rule"/> at steps <paramref name="first"/> to <paramref name="last"/>, with each step's gradients.</summary>
    public static void Steps(LearningRule rule, IModel model, int first, int last)
    {
        for (int step = first; step <= last; step++)
        {
            SetGradients(model, step);
            rule.UpdateParameters();
        }
    }

    /// <summary>
    /// One step of <paramref name="rule"/> on <paramref name="model"/> and of its <paramref name="reference"/> on
    /// <paramref name="expected"/>, with step <paramref name="step"/>'s gradients and the parameters frozen now.
    /// </summary>
    public static void Step(LearningRule rule, ReferenceRule reference, IModel model, double[] expected, int step)
    {
        SetGradients(model, step);
        reference.Step(expected, Gradients(model), FrozenMask(model));
        rule.UpdateParameters();
    }

    /// <summary>Asserts that every value of <paramref name="model"/> follows the reference's <paramref name="expected"/> one.</summary>
    public static void AssertFollows(double[] expected, IModel model, string when)
    {
        double[] actual = Values(model);
        for (int i = 0; i < expected.Length; i++)
            TestData.Close(expected[i], actual[i], 1e-5, 1e-6, $"{when}, parameter {i}");
    }

    public static double[] Values(IModel model) => TestData.ToDouble(model.AllValues);

    public static double[] Gradients(IModel model) => TestData.ToDouble(model.AllGradients);

    public static bool[] FrozenMask(IModel model)
    {
        var mask = new bool[model.AllValues.Length];
        foreach (Parameter p in model.Parameters)
            mask.AsSpan(p.Offset, p.Length).Fill(p.IsFrozen);
        return mask;
    }
}
