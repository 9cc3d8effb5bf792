using System.Diagnostics;
using System.Globalization;
using Mlp.Examples.Figures;
using Mlp.Examples.Output;
using Mlp.Examples.Pca;
using Mlp.Examples.Results;

namespace Mlp.Examples.Exercises;

/// <summary>
/// The notebook's optional extension of exercise 1: the analytic solution of the linear autoencoder. The top
/// principal components of the training inputs span the best 50-dimensional linear code, so PCA's reconstruction
/// error is the floor that gradient descent on exercise 1's model approaches from above.
/// </summary>
public static class PcaExercise
{
    /// <summary>The key of PCA's row in the results and <c>results.json</c>.</summary>
    public const string Key = "pca";

    /// <summary>The file name of the reconstruction figure.</summary>
    public const string FigureFile = "pca-reconstructions.png";

    /// <summary>Validation images shown in the figure: the same as in the trained exercises' figures.</summary>
    public const int ShownImages = ReconstructionFigure.ShownImages;

    /// <summary>Fits the components on the training images, measures the error on both sets and draws a batch of reconstructions.</summary>
    /// <param name="context">The run's settings, data and output.</param>
    /// <param name="pca">Receives the fitted components, for the comparison with exercise 1's code.</param>
    public static ExerciseOutcome Run(ExerciseContext context, out PrincipalComponents pca)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (options, data) = (context.Options, context.Data);
        var clock = Stopwatch.StartNew();
        context.Log(Invariant($"PCA: fitting {options.PcaComponents} components to {data.Train.Count:N0} training images"));

        pca = PrincipalComponents.Fit(data.Train.Pixels, data.Train.Count, data.Train.Dimension, options.PcaComponents, context.ThreadCount);

        var errorClock = Stopwatch.StartNew();
        double trainError = pca.ReconstructionError(data.Train.Pixels, data.Train.Count, context.ThreadCount);
        double validError = pca.ReconstructionError(data.Valid.Pixels, data.Valid.Count, context.ThreadCount);
        double errorSeconds = errorClock.Elapsed.TotalSeconds;

        var originals = ReconstructionFigure.Shown(data.Valid);
        int shown = originals.Count;
        var reconstructions = new float[originals.Pixels.Length];
        pca.Reconstruct(originals.Pixels.Span, shown, reconstructions);
        string title = Title(options.PcaComponents);
        ImageGridFigure.Save(Path.Combine(context.OutputFolder, FigureFile), $"{title}: validation images",
            [new ImageRow("originals", originals.Pixels, shown), new ImageRow("reconstructions", reconstructions, shown)],
            data.Valid.Rows, data.Valid.Columns);

        double seconds = clock.Elapsed.TotalSeconds;
        context.Log(Invariant(
            $"PCA: train error {trainError:F4}, valid error {validError:F4} ({seconds:F2} s: covariance {pca.FitTimes.Covariance.TotalSeconds:F2} s, eigendecomposition {pca.FitTimes.Eigendecomposition.TotalSeconds:F2} s)"));

        var result = new ExerciseResult(Key, title,
            [new SetResult(SetResult.Train, trainError), new SetResult(SetResult.Valid, validError)],
            seconds,
            Stages:
            [
                new("covariance", pca.FitTimes.Covariance.TotalSeconds),
                new("eigendecomposition", pca.FitTimes.Eigendecomposition.TotalSeconds),
                new("reconstruction_errors", errorSeconds),
            ]);
        return new ExerciseOutcome([result], [], [new ReportFigure($"{title}: validation images and their reconstructions", FigureFile)], []);
    }

    /// <summary>The title of PCA's row, e.g. <c>PCA, 50 components</c>.</summary>
    public static string Title(int components) => Invariant($"PCA, {components} components");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
