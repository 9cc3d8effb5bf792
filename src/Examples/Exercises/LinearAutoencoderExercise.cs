using System.Diagnostics;
using System.Globalization;
using Mlp.Data;
using Mlp.Errors;
using Mlp.Examples.Analysis;
using Mlp.Examples.Figures;
using Mlp.Examples.Models;
using Mlp.Examples.Output;
using Mlp.Examples.Results;
using Mlp.LearningRules;
using Mlp.Training;

namespace Mlp.Examples.Exercises;

/// <summary>
/// Exercise 1: "train a linear autoencoder with 50 hidden units on MNIST with the sum of squared differences error and
/// gradient descent (learning rate 0.01, batches of 50, 25 epochs)". Its learning curves carry PCA's error, the optimum
/// for a linear code of that size, which gradient descent approaches from above.
/// </summary>
public static class LinearAutoencoderExercise
{
    /// <summary>The key of the run in the results, <c>results.json</c> and file names.</summary>
    public const string Key = "ex1";

    /// <summary>The run's title.</summary>
    public const string Title = "Exercise 1: linear autoencoder";

    /// <summary>The offset of this exercise's seeds from <c>--seed</c> (as in the course reference).</summary>
    public const int SeedOffset = 0;

    /// <summary>The base name of the saved model's files.</summary>
    public const string ModelName = "ex1-linear-autoencoder";

    /// <summary>The reconstruction figure's file name.</summary>
    public const string ReconstructionsFigure = "ex1-reconstructions.png";

    /// <summary>The learning-curve figure's file name.</summary>
    public const string CurvesFigure = "ex1-learning-curves.png";

    /// <summary>
    /// Trains the model, keeping its code's directions at every statistics epoch for the comparison with PCA, draws its
    /// reconstructions and saves it. The learning curves wait for <see cref="Finish"/>: they carry PCA's error, and PCA
    /// may still be running beside this exercise.
    /// </summary>
    public static LinearRun Train(ExerciseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (options, data) = (context.Options, context.Data);
        var clock = Stopwatch.StartNew();
        ExerciseSeeds seeds = ExerciseSeeds.For(options.Seed, SeedOffset);

        // Glorot-uniform weights and zero biases: the generated constructor's initialisation.
        var model = new LinearAutoencoder(seeds.Model);
        DataProvider train = data.Train.AutoencoderBatches(options.BatchSize, options.MaxBatches, shuffle: true, seeds.Batches);
        DataProvider valid = data.Valid.AutoencoderBatches(options.BatchSize, null, shuffle: false, seeds.Batches);
        var optimiser = new Optimiser(model, new SumOfSquaredDiffsError(), new GradientDescentLearningRule(options.GradientDescentLearningRate), train, valid);
        context.Log($"{Title}: {LinearAutoencoder.Architecture}, sum of squared differences, gradient descent (learning rate {Format(options.GradientDescentLearningRate)})");
        var snapshots = new List<LinearCodeSnapshot>();
        RunHistory run = TrainingRun.Train(context, Key, Title, "linear autoencoder", optimiser,
            epoch => snapshots.Add(LinearCodeSnapshot.Capture(model, epoch)));

        ReconstructionFigure.Save(Path.Combine(context.OutputFolder, ReconstructionsFigure), $"{Title}: validation images", model, data.Valid);
        SavedModel saved = ModelFiles.Save(model, context.OutputFolder, ModelName, Title);
        ExerciseResult result = ExerciseResult.FromRun(run, Title, clock.Elapsed.TotalSeconds) with { Seeds = seeds.Describe() };
        return new LinearRun(model, run, result, snapshots, saved);
    }

    /// <summary>The learning curves (with PCA's error when PCA ran), the comparison with PCA, and the exercise's outcome.</summary>
    /// <param name="context">The run's settings, data and output.</param>
    /// <param name="trained">What <see cref="Train"/> returned.</param>
    /// <param name="pca">PCA's result when the PCA part ran: drawn as reference lines and compared with in a note.</param>
    public static ExerciseOutcome Finish(ExerciseContext context, LinearRun trained, ExerciseResult? pca)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(trained);
        LearningCurveFigure.Save(Path.Combine(context.OutputFolder, CurvesFigure), $"{Title}: learning curves", [trained.Run], CurveMetric.Error,
            "error (sum of squared differences)", references: References(pca));
        var notes = new List<string>();
        if (pca is not null)
        {
            string note = CompareWithPca(trained.Result, pca);
            context.Log(note);
            notes.Add(note);
        }
        return new ExerciseOutcome([trained.Result], [trained.Run],
            [new ReportFigure($"{Title}: validation images and their reconstructions", ReconstructionsFigure),
             new ReportFigure($"{Title}: learning curves{(pca is null ? "" : ", with PCA's error")}", CurvesFigure)],
            [trained.Saved], notes);
    }

    /// <summary>The error panel of exercise 1's curves: PCA's errors as reference lines when PCA ran.</summary>
    public static CurvePanel ErrorPanel(ExerciseResult? pca) =>
        new($"{Title}: error", CurveMetric.Error, "error (sum of squared differences)", References(pca));

    private static IReadOnlyList<ReferenceLine> References(ExerciseResult? pca) => pca is null ? [] :
    [
        new ReferenceLine($"{pca.Title}: train", pca.Sets.First(s => s.Set == SetResult.Train).Error),
        new ReferenceLine($"{pca.Title}: valid", pca.Sets.First(s => s.Set == SetResult.Valid).Error),
    ];

    /// <summary>
    /// One line setting exercise 1's final errors beside PCA's, e.g. <c>Exercise 1 ends 0.44% above PCA, 50 components
    /// on the training set (4.6110 vs 4.5906) and 0.37% above it on the validation set (4.5950 vs 4.5779).</c>
    /// </summary>
    public static string CompareWithPca(ExerciseResult linear, ExerciseResult pca)
    {
        ArgumentNullException.ThrowIfNull(linear);
        ArgumentNullException.ThrowIfNull(pca);
        string Compare(string set, string name)
        {
            double trained = linear.Sets.First(s => s.Set == set).Error, optimum = pca.Sets.First(s => s.Set == set).Error;
            double gap = 100 * (trained - optimum) / optimum;
            string side = gap >= 0 ? "above" : "below";
            return Invariant($"{Math.Abs(gap):F2}% {side} it on the {name} ({trained:F4} vs {optimum:F4})");
        }
        return $"Exercise 1 vs {pca.Title} (the analytic optimum of a linear code of that size): {Compare(SetResult.Train, "training set")}, " +
               $"{Compare(SetResult.Valid, "validation set")}.";
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Exercise 1 trained: the model, its run, its row of the results, its code at every statistics epoch, its saved files.</summary>
/// <param name="Model">The trained linear autoencoder.</param>
/// <param name="Run">Its per-epoch statistics.</param>
/// <param name="Result">Its row of the results table.</param>
/// <param name="Snapshots">Its encoder and decoder directions at every statistics epoch, epoch 0 first.</param>
/// <param name="Saved">Its safetensors and ONNX files.</param>
public sealed record LinearRun(LinearAutoencoder Model, RunHistory Run, ExerciseResult Result, IReadOnlyList<LinearCodeSnapshot> Snapshots, SavedModel Saved);
