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
/// Exercise 4: "use the trained encoder of exercise 2 as the first layer of a digit classifier and train it on the
/// labels with the cross-entropy softmax error and Adam; train the same classifier from random initialisation beside
/// it". Both start from the same seed, so only the first layer differs; <c>--freeze-pretrained</c> keeps the copied
/// layer fixed instead of fine-tuning it.
/// </summary>
public static class PretrainedClassifierExercise
{
    /// <summary>The key of the pre-trained run in the results, <c>results.json</c> and file names.</summary>
    public const string PretrainedKey = "ex4_pretrained";

    /// <summary>The key of the run from random initialisation.</summary>
    public const string RandomKey = "ex4_random";

    /// <summary>The offset of this exercise's seeds from <c>--seed</c> (as in the course reference); both runs use it.</summary>
    public const int SeedOffset = 30;

    /// <summary>The base name of the pre-trained classifier's files.</summary>
    public const string PretrainedModelName = "ex4-pretrained-classifier";

    /// <summary>The base name of the randomly initialised classifier's files.</summary>
    public const string RandomModelName = "ex4-random-init-classifier";

    /// <summary>The figure of both runs' error and accuracy curves.</summary>
    public const string CurvesFigure = "ex4-learning-curves.png";

    /// <summary>The width in pixels of the two-panel curve figure.</summary>
    public const int CurvesWidth = 2 * LearningCurveFigure.DefaultWidth;

    private const string RandomTitle = "Exercise 4: random init";

    /// <summary>
    /// The classifier whose first layer starts from <paramref name="autoencoder"/>'s trained encoder (the generated,
    /// compile-time-checked <c>CopyLayer0From</c>), the rest initialised from <paramref name="seed"/>; the copied
    /// layer frozen when <paramref name="freeze"/> is set.
    /// </summary>
    public static DigitClassifier CreatePretrained(NonLinearAutoencoder autoencoder, int seed, bool freeze)
    {
        ArgumentNullException.ThrowIfNull(autoencoder);
        var classifier = new DigitClassifier(seed);
        classifier.CopyLayer0From(autoencoder);
        classifier.Layer0Weights.IsFrozen = freeze;
        classifier.Layer0Biases.IsFrozen = freeze;
        return classifier;
    }

    /// <summary>The title of the pre-trained run's row.</summary>
    public static string PretrainedTitle(bool freeze) =>
        $"Exercise 4: pre-trained ({(freeze ? "frozen" : "fine-tuned")})";

    /// <summary>Trains and saves the classifier whose first layer starts from exercise 2's encoder.</summary>
    /// <param name="context">The run's settings, data and output.</param>
    /// <param name="autoencoder">Exercise 2's trained autoencoder.</param>
    public static ClassifierRun TrainPretrained(ExerciseContext context, NonLinearAutoencoder autoencoder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(autoencoder);
        var options = context.Options;
        ExerciseSeeds seeds = ExerciseSeeds.For(options.Seed, SeedOffset);
        string title = PretrainedTitle(options.FreezePretrained);
        string legend = options.FreezePretrained ? "pre-trained, frozen" : "pre-trained, fine-tuned";
        DigitClassifier pretrained = CreatePretrained(autoencoder, seeds.Model, options.FreezePretrained);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"{title}: {DigitClassifier.Architecture}, cross-entropy softmax, Adam (learning rate {options.AdamLearningRate}); first layer from exercise 2's encoder"));
        var (run, result) = Train(context, pretrained, PretrainedKey, title, legend, seeds);
        return new ClassifierRun(run, result, ModelFiles.Save(pretrained, context.OutputFolder, PretrainedModelName, title));
    }

    /// <summary>Trains and saves the same classifier from random initialisation (it needs nothing from exercise 2).</summary>
    public static ClassifierRun TrainRandom(ExerciseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ExerciseSeeds seeds = ExerciseSeeds.For(context.Options.Seed, SeedOffset);
        var random = new DigitClassifier(seeds.Model);
        context.Log(string.Create(CultureInfo.InvariantCulture,
            $"{RandomTitle}: {DigitClassifier.Architecture}, cross-entropy softmax, Adam (learning rate {context.Options.AdamLearningRate}); random initialisation"));
        var (run, result) = Train(context, random, RandomKey, RandomTitle, "random initialisation", seeds);
        return new ClassifierRun(run, result, ModelFiles.Save(random, context.OutputFolder, RandomModelName, RandomTitle));
    }

    /// <summary>Draws both runs' curves in one figure and compares them.</summary>
    public static ExerciseOutcome Finish(ExerciseContext context, ClassifierRun pretrained, ClassifierRun random)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pretrained);
        ArgumentNullException.ThrowIfNull(random);
        LearningCurveFigure.SavePanels(Path.Combine(context.OutputFolder, CurvesFigure), [pretrained.Run, random.Run],
            [new CurvePanel("Exercise 4: error", CurveMetric.Error, "error (cross-entropy)"),
             new CurvePanel("Exercise 4: accuracy", CurveMetric.Accuracy, "classification accuracy (%)")],
            CurvesWidth);

        string note = Compare(pretrained.Run, pretrained.Run.Title, random.Run);
        context.Log(note);
        return new ExerciseOutcome([pretrained.Result, random.Result], [pretrained.Run, random.Run],
            [new ReportFigure("Exercise 4: error and accuracy of the pre-trained classifier and of the one from random initialisation", CurvesFigure)],
            [pretrained.Saved, random.Saved], [note]);
    }

    private static (RunHistory Run, ExerciseResult Result) Train(ExerciseContext context, DigitClassifier model, string key, string title, string legend, ExerciseSeeds seeds)
    {
        var (options, data) = (context.Options, context.Data);
        var clock = Stopwatch.StartNew();
        DataProvider train = data.Train.ClassifierBatches(options.BatchSize, options.MaxBatches, shuffle: true, seeds.Batches);
        DataProvider valid = data.Valid.ClassifierBatches(options.BatchSize, null, shuffle: false, seeds.Batches);
        var optimiser = new Optimiser(model, new CrossEntropySoftmaxError(), new AdamLearningRule(options.AdamLearningRate), train, valid,
            monitors: [new ClassificationAccuracy()]);
        RunHistory run = TrainingRun.Train(context, key, title, legend, optimiser);
        return (run, ExerciseResult.FromRun(run, title, clock.Elapsed.TotalSeconds) with { Seeds = seeds.Describe() });
    }

    // Both runs overfit by 25 epochs and their validation error swings, so the best validation accuracy is the fair comparison.
    private static string Compare(RunHistory pretrained, string pretrainedLegend, RunHistory random)
    {
        string accuracy = StatisticKeys.Accuracy(SetResult.Valid);
        string Best(RunHistory run)
        {
            EpochStatistics best = run.Epochs.MaxBy(e => e[accuracy])!;
            return string.Create(CultureInfo.InvariantCulture, $"{100 * best[accuracy]:F2}% (epoch {best.Epoch}, final {100 * run.Epochs[^1][accuracy]:F2}%)");
        }
        return $"Exercise 4, best validation accuracy: {pretrainedLegend} {Best(pretrained)}, random initialisation {Best(random)}.";
    }
}

/// <summary>One of exercise 4's classifiers trained: its run, its row of the results, its saved files.</summary>
/// <param name="Run">Its per-epoch statistics (its title is the legend shared with the other run).</param>
/// <param name="Result">Its row of the results table.</param>
/// <param name="Saved">Its safetensors and ONNX files.</param>
public sealed record ClassifierRun(RunHistory Run, ExerciseResult Result, SavedModel Saved);
