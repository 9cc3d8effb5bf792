namespace Mlp.Data;

/// <summary>Argument checks shared by the input-noise schemes.</summary>
internal static class NoiseGuard
{
    public static double Probability(double value, string name) =>
        value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(name, value, "The probability must be from 0 to 1.");
}
