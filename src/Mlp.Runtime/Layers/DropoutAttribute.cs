namespace Mlp;

/// <summary>
/// A dropout layer as in the course: when training, each unit is kept with probability
/// <paramref name="inclusionProbability"/> (the mask comes from the model's random source and is reused by
/// Backward); otherwise the inputs are multiplied by that probability.
/// </summary>
/// <param name="inclusionProbability">The probability of keeping a unit, in (0, 1].</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute(float inclusionProbability) : Attribute
{
    /// <summary>The probability of keeping a unit.</summary>
    public float InclusionProbability { get; } = inclusionProbability;
}
