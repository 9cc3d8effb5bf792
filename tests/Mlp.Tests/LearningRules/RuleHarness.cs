namespace Mlp.Tests.LearningRules;

/// <summary>Sets a model's values and per-step gradients by hand and reads them back as doubles.</summary>
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
