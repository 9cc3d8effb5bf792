namespace Mlp.Examples.Options;

/// <summary>The parts of the autoencoders notebook, in the notebook's order.</summary>
public enum Exercise
{
    /// <summary>Exercise 1: a linear autoencoder trained by gradient descent.</summary>
    LinearAutoencoder,

    /// <summary>The analytic optimum of exercise 1's model: the top principal components.</summary>
    Pca,

    /// <summary>Exercise 2: a non-linear autoencoder trained with Adam.</summary>
    NonLinearAutoencoder,

    /// <summary>Exercise 3: a denoising autoencoder trained on corrupted inputs with clean targets.</summary>
    DenoisingAutoencoder,

    /// <summary>Exercise 4: a classifier whose first layer is pre-trained by exercise 2, beside one from random initialisation.</summary>
    PretrainedClassifier,
}

/// <summary>The command-line names of the exercises, as <c>--exercises 1,pca,2,3,4</c> lists them.</summary>
public static class ExerciseNames
{
    /// <summary>Every exercise, in the notebook's order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = Enum.GetValues<Exercise>();

    /// <summary>The command-line name of <paramref name="exercise"/>: <c>1</c>, <c>pca</c>, <c>2</c>, <c>3</c> or <c>4</c>.</summary>
    public static string Name(Exercise exercise) => exercise switch
    {
        Exercise.LinearAutoencoder => "1",
        Exercise.Pca => "pca",
        Exercise.NonLinearAutoencoder => "2",
        Exercise.DenoisingAutoencoder => "3",
        Exercise.PretrainedClassifier => "4",
        _ => throw new ArgumentOutOfRangeException(nameof(exercise), exercise, "Unknown exercise."),
    };

    /// <summary>
    /// Parses a comma-separated list such as <c>1,pca,2</c> (names as <see cref="Name"/> gives them, also <c>ex1</c> …
    /// <c>ex4</c>, or <c>all</c>) into the selected exercises in the notebook's order; returns why it cannot, or null.
    /// </summary>
    public static string? TryParseList(string text, out IReadOnlyList<Exercise> exercises)
    {
        var selected = new HashSet<Exercise>();
        exercises = [];
        foreach (string raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (raw.Length == 0)
                return $"--exercises has an empty entry in '{text}'";
            if (string.Equals(raw, "all", StringComparison.OrdinalIgnoreCase))
            {
                selected.UnionWith(All);
                continue;
            }
            string name = raw.StartsWith("ex", StringComparison.OrdinalIgnoreCase) && raw.Length > 2 ? raw[2..] : raw;
            Exercise? match = All.Cast<Exercise?>().FirstOrDefault(e => string.Equals(Name(e!.Value), name, StringComparison.OrdinalIgnoreCase));
            if (match is null)
                return $"--exercises: unknown exercise '{raw}' (expected a comma-separated list of 1, pca, 2, 3, 4 or all)";
            selected.Add(match.Value);
        }
        exercises = All.Where(selected.Contains).ToList();
        return null;
    }
}
