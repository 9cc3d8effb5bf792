using System.Diagnostics;
using System.Globalization;
using Mlp.Data;
using Mlp.Errors;
using Mlp.Examples.Data;
using Mlp.Examples.Figures;
using Mlp.Examples.Models;
using Mlp.Examples.Options;
using Mlp.Examples.Output;
using Mlp.Examples.Results;
using Mlp.LearningRules;
using Mlp.Training;

namespace Mlp.Examples.Exercises;

/// <summary>
/// Exercise 3: "train the architecture of exercise 2 as a denoising autoencoder: corrupt every input batch and train
/// the model to reconstruct the clean images". The corruption is <c>--noise</c> at <c>--noise-level</c> (masking 0.25
/// by default). Judged on a fixed corrupted copy of the validation set with the clean images as targets
/// (<see cref="NoisyValidSet"/>), measured after every epoch beside the errors on clean inputs.
/// </summary>
public static class DenoisingAutoencoderExercise
{
    /// <summary>The key of the run in the results, <c>results.json</c> and file names.</summary>
    public const string Key = "ex3";

    /// <summary>The run's title.</summary>
    public const string Title = "Exercise 3: denoising autoencoder";

    /// <summary>The offset of this exercise's seeds from <c>--seed</c> (as in the course reference).</summary>
    public const int SeedOffset = 20;

    /// <summary>The key of the corrupted validation inputs with clean targets: the statistics' <c>error(valid_noisy)</c>.</summary>
    public const string NoisyValidSet = "valid_noisy";

    /// <summary>The base name of the saved model's files.</summary>
    public const string ModelName = "ex3-denoising-autoencoder";

    /// <summary>The figure of clean, corrupted and denoised images.</summary>
    public const string DenoisingFigure = "ex3-denoising.png";

    /// <summary>The learning-curve figure's file name.</summary>
    public const string CurvesFigure = "ex3-learning-curves.png";

    /// <summary>Trains the model on corrupted inputs, draws what it does to corrupted images and its learning curves, and saves it.</summary>
    public static ExerciseOutcome Run(ExerciseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (options, data) = (context.Options, context.Data);
        var clock = Stopwatch.StartNew();
        ExerciseSeeds seeds = ExerciseSeeds.For(options.Seed, SeedOffset);
        IInputNoise noise = Noise(options.Noise, options.NoiseLevel);
        string corruption = Describe(options.Noise, options.NoiseLevel);

        var model = new DenoisingAutoencoder(seeds.Model);
        // Every training batch is corrupted afresh; the targets stay the clean images.
        DataProvider train = new NoisyDataProvider(
            data.Train.AutoencoderBatches(options.BatchSize, options.MaxBatches, shuffle: true, seeds.Batches), noise, seeds.Noise);
        DataProvider valid = data.Valid.AutoencoderBatches(options.BatchSize, null, shuffle: false, seeds.Batches);
        float[] corrupted = Corrupt(data.Valid, noise);
        DataProvider noisyValid = new InMemoryDataProvider(corrupted, data.Valid.Pixels, data.Valid.Labels, data.Valid.Dimension, data.Valid.Dimension,
            Math.Min(options.BatchSize, data.Valid.Count), shuffleOrder: false);

        var optimiser = new Optimiser(model, new SumOfSquaredDiffsError(), new AdamLearningRule(options.AdamLearningRate), train, valid);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"{Title}: {DenoisingAutoencoder.Architecture}, {corruption} on the inputs, clean targets, Adam (learning rate {options.AdamLearningRate})"));
        RunHistory run = TrainingRun.Train(context, Key, Title, "denoising autoencoder", optimiser, new MonitoredSet(NoisyValidSet, noisyValid));

        SaveDenoisingFigure(Path.Combine(context.OutputFolder, DenoisingFigure), $"{Title} ({corruption}): validation images", model, data.Valid, corrupted);
        LearningCurveFigure.Save(Path.Combine(context.OutputFolder, CurvesFigure), $"{Title}: learning curves", [run], CurveMetric.Error,
            "error (sum of squared differences)");
        SavedModel saved = ModelFiles.Save(model, context.OutputFolder, ModelName, Title);

        ExerciseResult result = ExerciseResult.FromRun(run, Title, clock.Elapsed.TotalSeconds) with
        {
            Seeds = [.. seeds.Describe(), new("noise", seeds.Noise), new("noisy_valid", ExerciseSeeds.CorruptedValidation)],
        };
        return new ExerciseOutcome([result], [run],
            [new ReportFigure($"{Title}: clean validation images, the corrupted inputs ({corruption}) and the model's outputs", DenoisingFigure),
             new ReportFigure($"{Title}: learning curves (valid noisy: corrupted validation inputs, clean targets)", CurvesFigure)],
            [saved],
            [$"Exercise 3 is judged on corrupted validation inputs with clean targets (valid noisy, {corruption}, seed {ExerciseSeeds.CorruptedValidation}); its train and valid errors are on clean inputs."]);
    }

    /// <summary>The corruption <paramref name="scheme"/> at <paramref name="level"/> (a probability, or Gaussian noise's standard deviation).</summary>
    public static IInputNoise Noise(NoiseScheme scheme, double level) => scheme switch
    {
        NoiseScheme.Masking => new MaskingNoise(level),
        NoiseScheme.Gaussian => new GaussianNoise(level),
        NoiseScheme.SaltAndPepper => new SaltAndPepperNoise(level),
        _ => throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Unknown noise scheme."),
    };

    /// <summary>The corruption in words, e.g. <c>masking noise p = 0.25</c> or <c>gaussian noise σ = 0.1</c>.</summary>
    public static string Describe(NoiseScheme scheme, double level) => string.Create(CultureInfo.InvariantCulture,
        $"{NoiseSchemeNames.Name(scheme)} noise {(scheme == NoiseScheme.Gaussian ? "σ" : "p")} = {level}");

    /// <summary>A corrupted copy of <paramref name="set"/>'s images, drawn from the fixed seed <see cref="ExerciseSeeds.CorruptedValidation"/>.</summary>
    public static float[] Corrupt(ImageSet set, IInputNoise noise)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(noise);
        float[] copy = set.Pixels.ToArray();
        noise.Apply(copy, new RandomGenerator(ExerciseSeeds.CorruptedValidation));
        return copy;
    }

    private static void SaveDenoisingFigure(string path, string title, IModel model, ImageSet valid, float[] corrupted)
    {
        ImageSet shown = ReconstructionFigure.Shown(valid);
        ReadOnlyMemory<float> noisy = corrupted.AsMemory(0, shown.Count * shown.Dimension);
        float[] denoised = ReconstructionFigure.Outputs(model, noisy.Span, shown.Count);
        ImageGridFigure.Save(path, title,
            [new ImageRow("originals", shown.Pixels, shown.Count), new ImageRow("noisy inputs", noisy, shown.Count), new ImageRow("denoised", denoised, shown.Count)],
            shown.Rows, shown.Columns);
    }
}
