using System.Diagnostics;
using System.Globalization;
using Mlp.Data;
using Mlp.Errors;
using Mlp.Examples.Figures;
using Mlp.Examples.Models;
using Mlp.Examples.Output;
using Mlp.Examples.Results;
using Mlp.LearningRules;
using Mlp.Training;

namespace Mlp.Examples.Exercises;

/// <summary>
/// Exercise 2: "add a ReLU after the encoder and a logistic sigmoid after the decoder, and train with Adam (learning
/// rate 0.001) for 25 epochs": a non-linear autoencoder, whose trained encoder exercise 4 reuses.
/// </summary>
public static class NonLinearAutoencoderExercise
{
    /// <summary>The key of the run in the results, <c>results.json</c> and file names.</summary>
    public const string Key = "ex2";

    /// <summary>The run's title.</summary>
    public const string Title = "Exercise 2: non-linear autoencoder";

    /// <summary>The offset of this exercise's seeds from <c>--seed</c> (as in the course reference).</summary>
    public const int SeedOffset = 10;

    /// <summary>The base name of the saved model's files.</summary>
    public const string ModelName = "ex2-non-linear-autoencoder";

    /// <summary>The reconstruction figure's file name.</summary>
    public const string ReconstructionsFigure = "ex2-reconstructions.png";

    /// <summary>The learning-curve figure's file name.</summary>
    public const string CurvesFigure = "ex2-learning-curves.png";

    /// <summary>Trains the model, draws its reconstructions and learning curves, and saves it.</summary>
    /// <param name="context">The run's settings, data and output.</param>
    /// <param name="model">Receives the trained autoencoder, for exercise 4.</param>
    public static ExerciseOutcome Run(ExerciseContext context, out NonLinearAutoencoder model)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (options, data) = (context.Options, context.Data);
        var clock = Stopwatch.StartNew();
        ExerciseSeeds seeds = ExerciseSeeds.For(options.Seed, SeedOffset);

        model = new NonLinearAutoencoder(seeds.Model);
        DataProvider train = data.Train.AutoencoderBatches(options.BatchSize, options.MaxBatches, shuffle: true, seeds.Batches);
        DataProvider valid = data.Valid.AutoencoderBatches(options.BatchSize, null, shuffle: false, seeds.Batches);
        var optimiser = new Optimiser(model, new SumOfSquaredDiffsError(), new AdamLearningRule(options.AdamLearningRate), train, valid);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"{Title}: {NonLinearAutoencoder.Architecture}, sum of squared differences, Adam (learning rate {options.AdamLearningRate})"));
        RunHistory run = TrainingRun.Train(context, Key, Title, "non-linear autoencoder", optimiser);

        ReconstructionFigure.Save(Path.Combine(context.OutputFolder, ReconstructionsFigure), $"{Title}: validation images", model, data.Valid);
        LearningCurveFigure.Save(Path.Combine(context.OutputFolder, CurvesFigure), $"{Title}: learning curves", [run], CurveMetric.Error,
            "error (sum of squared differences)");
        SavedModel saved = ModelFiles.Save(model, context.OutputFolder, ModelName, Title);

        ExerciseResult result = ExerciseResult.FromRun(run, Title, clock.Elapsed.TotalSeconds) with { Seeds = seeds.Describe() };
        return new ExerciseOutcome([result], [run],
            [new ReportFigure($"{Title}: validation images and their reconstructions", ReconstructionsFigure),
             new ReportFigure($"{Title}: learning curves", CurvesFigure)],
            [saved]);
    }
}
