namespace Mlp.Examples.Figures;

/// <summary>What a learning-curve figure plots per epoch.</summary>
public enum CurveMetric
{
    /// <summary>The error (sum of squared differences, or cross-entropy).</summary>
    Error,

    /// <summary>The classification accuracy, shown in percent.</summary>
    Accuracy,
}
