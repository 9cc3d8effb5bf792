namespace Mlp.Examples.Results;

/// <summary>An exercise's figures on one data set.</summary>
/// <param name="Set">A stable key for the data set: <see cref="Train"/>, <see cref="Valid"/>, or e.g. <c>valid_masked</c> for corrupted validation inputs.</param>
/// <param name="Error">The final error.</param>
/// <param name="Accuracy">The final accuracy, a fraction in [0, 1]; null where nothing is classified.</param>
/// <param name="BestError">The lowest error over the run's epochs; null where there were no epochs (PCA).</param>
/// <param name="BestAccuracy">The highest accuracy over the run's epochs; null where there is none.</param>
public sealed record SetResult(string Set, double Error, double? Accuracy = null, double? BestError = null, double? BestAccuracy = null)
{
    /// <summary>The key of the training set.</summary>
    public const string Train = "train";

    /// <summary>The key of the validation set.</summary>
    public const string Valid = "valid";

    /// <summary>The set's name as a reader sees it: the key with underscores as spaces.</summary>
    public string Label => Set.Replace('_', ' ');
}
