namespace Mlp.Examples.Exercises;

/// <summary>
/// The seeds of one exercise's random draws, derived from <c>--seed</c> plus a fixed offset per exercise as the course
/// reference does (<c>seed + offset</c> for the model's initial weights, <c>+ 1</c> for the order of the batches,
/// <c>+ 2</c> for the noise of exercise 3's training inputs), so that each exercise can be rerun on its own with the
/// same numbers. Sums wrap around, so every <c>--seed</c> is valid.
/// </summary>
/// <param name="Model">Seeds the model's generator: its Glorot-uniform initial weights.</param>
/// <param name="Batches">Seeds the training data provider's shuffling.</param>
/// <param name="Noise">Seeds the corruption of the training inputs (exercise 3).</param>
public readonly record struct ExerciseSeeds(int Model, int Batches, int Noise)
{
    /// <summary>The seed of exercise 3's fixed corrupted copy of the validation set, whatever <c>--seed</c> is, as in the course reference.</summary>
    public const int CorruptedValidation = 999;

    /// <summary>The seeds of the exercise at <paramref name="offset"/> from <paramref name="seed"/>.</summary>
    public static ExerciseSeeds For(int seed, int offset) =>
        unchecked(new ExerciseSeeds(seed + offset, seed + offset + 1, seed + offset + 2));

    /// <summary>The model and batch seeds by use, for the report.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Describe() => [new("model", Model), new("batches", Batches)];
}
