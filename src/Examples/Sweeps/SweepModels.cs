using Mlp.Examples.Exercises;
using Mlp.Examples.Models;
using Mlp.Sweeps;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// The models this app's sweeps (and silos) can train: the notebook's generated models, each under a fixed name. A
/// sweep request can name only these, so a silo runs no code it was not built with.
/// </summary>
public static class SweepModels
{
    /// <summary>Exercise 1's model.</summary>
    public const string Linear = "linear-autoencoder";

    /// <summary>Exercise 2's model.</summary>
    public const string NonLinear = "non-linear-autoencoder";

    /// <summary>Exercise 3's model.</summary>
    public const string Denoising = "denoising-autoencoder";

    /// <summary>Exercise 4's classifier, from random initialisation.</summary>
    public const string Classifier = "digit-classifier";

    /// <summary>A registry of the notebook's models.</summary>
    public static ModelRegistry Registry() => new ModelRegistry()
        .Add(Linear, ModelTask.Autoencoder, seed => new LinearAutoencoder(seed))
        .Add(NonLinear, ModelTask.Autoencoder, seed => new NonLinearAutoencoder(seed))
        .Add(Denoising, ModelTask.Autoencoder, seed => new DenoisingAutoencoder(seed))
        .Add(Classifier, ModelTask.Classifier, seed => new DigitClassifier(seed));

    /// <summary>
    /// The notebook's settings of exercise <paramref name="exercise"/> (1 to 4) as a trial: its model, learning rule
    /// and rate, noise, and its seed offset from the notebook's <c>--seed</c> (the seed given is <paramref name="seed"/>).
    /// With the notebook's epochs and batch size such a trial reproduces the notebook's run of that exercise (exercise 4:
    /// the classifier from random initialisation).
    /// </summary>
    /// <exception cref="SweepDefinitionException">The exercise is not 1 to 4.</exception>
    public static TrialSettings Exercise(int exercise, int seed) => exercise switch
    {
        1 => new TrialSettings { Model = Linear, Rule = LearningRuleNames.GradientDescent, LearningRate = 0.01, Seed = unchecked(seed + LinearAutoencoderExercise.SeedOffset) },
        2 => new TrialSettings { Model = NonLinear, Seed = unchecked(seed + NonLinearAutoencoderExercise.SeedOffset) },
        3 => new TrialSettings { Model = Denoising, Noise = NoiseNames.Masking, NoiseLevel = 0.25, Seed = unchecked(seed + DenoisingAutoencoderExercise.SeedOffset) },
        4 => new TrialSettings { Model = Classifier, Seed = unchecked(seed + PretrainedClassifierExercise.SeedOffset) },
        _ => throw new SweepDefinitionException("exercise", $"must be 1, 2, 3 or 4, got {exercise}"),
    };

    /// <summary>The seed offset of exercise <paramref name="exercise"/>, 0 when none.</summary>
    public static int SeedOffset(int? exercise) => exercise is int e ? Exercise(e, 0).Seed : 0;
}
