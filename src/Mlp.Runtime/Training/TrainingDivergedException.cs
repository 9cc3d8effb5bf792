namespace Mlp.Training;

/// <summary>
/// Training produced a NaN or infinite parameter or error, so it stopped instead of training on garbage; the
/// message names the epoch and batch (and the parameter) so the run can be diagnosed.
/// </summary>
public sealed class TrainingDivergedException : ArithmeticException
{
    /// <summary>Creates the exception for <paramref name="epoch"/> and <paramref name="batch"/> (null when found during evaluation).</summary>
    public TrainingDivergedException(int epoch, int? batch, string message)
        : base(message)
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>The epoch (counting from 1) in which the run diverged.</summary>
    public int Epoch { get; }

    /// <summary>The 0-based batch of that epoch after whose update a parameter was not finite, or null when the error was found not finite in the statistics.</summary>
    public int? Batch { get; }
}
