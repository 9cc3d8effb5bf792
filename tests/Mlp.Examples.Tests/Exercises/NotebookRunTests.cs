using Mlp.Examples.Data;
using Mlp.Examples.Exercises;
using Mlp.Examples.Figures;
using Mlp.Examples.Options;
using Mlp.Examples.Pca;
using Mlp.Examples.Progress;
using Mlp.Examples.Results;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Exercises;

public class NotebookRunTests
{
    [Fact]
    public void PcaExerciseReportsItsErrorsAndDrawsItsFigure()
    {
        using var folder = new TempFolder();
        const int train = 300, valid = 40, side = 8;   // small images keep the eigendecomposition quick
        float[] pixels = SyntheticData.Uniform(train + valid, side * side, seed: 43);
        var all = new ImageSet(pixels, train + valid, side, side);
        var data = new MnistSplit(all.Slice(0, train), all.Slice(train, valid));
        var output = new StringWriter();
        var options = new ExampleOptions { PcaComponents = 5, Threads = 2 };

        ExerciseOutcome outcome = PcaExercise.Run(new ExerciseContext(options, data, folder.Path, new PlainProgressDisplay(output)), out PrincipalComponents fit);

        ExerciseResult result = Assert.Single(outcome.Results);
        Assert.Equal("pca", result.Key);
        Assert.Equal("PCA, 5 components", result.Title);
        var pca = PrincipalComponents.Fit(pixels.AsMemory(0, train * side * side), train, side * side, 5);
        double expectedValid = NaiveStatistics.ReconstructionError(pixels[(train * side * side)..], valid, side * side, pca.Components, 5, pca.Mean);
        Assert.Equal(SetResult.Train, result.Sets[0].Set);
        Assert.Equal(pca.HalfDiscardedVariance, result.Sets[0].Error, 1e-9);
        Assert.Equal(pca.Components.ToArray(), fit.Components.ToArray());
        Assert.Equal(expectedValid, result.Sets[1].Error, 1e-9);
        Assert.Equal(["covariance", "eigendecomposition", "reconstruction_errors"], result.Stages!.Select(s => s.Key));
        Assert.Empty(outcome.Runs);

        ReportFigureCheck(folder, Assert.Single(outcome.Figures).FileName, side);
        Assert.Contains("PCA: train error", output.ToString());
    }

    private static void ReportFigureCheck(TempFolder folder, string file, int side)
    {
        var (width, height) = Png.Dimensions(File.ReadAllBytes(Path.Combine(folder.Path, file)));
        int gridHeight = 2 * (side + ImageGridFigure.Gap) + ImageGridFigure.Gap;
        Assert.Equal(ImageGridFigure.TopPadding + ImageGridFigure.EdgePadding + ImageGridFigure.Scale * gridHeight, height);
        Assert.True(width > ImageGridFigure.Scale * (PcaExercise.ShownImages * (side + ImageGridFigure.Gap) + ImageGridFigure.Gap));
    }

    [Fact]
    public void PcaRunsFirstAndExercise4BringsExercise2Along()
    {
        Assert.Equal([Exercise.Pca, Exercise.LinearAutoencoder], NotebookRun.ToRun([Exercise.LinearAutoencoder, Exercise.Pca]));
        Assert.Equal([Exercise.NonLinearAutoencoder, Exercise.PretrainedClassifier], NotebookRun.ToRun([Exercise.PretrainedClassifier]));
        Assert.Equal([Exercise.Pca, Exercise.LinearAutoencoder, Exercise.NonLinearAutoencoder, Exercise.DenoisingAutoencoder, Exercise.PretrainedClassifier],
            NotebookRun.ToRun(ExerciseNames.All));
    }

    [Fact]
    public void ACorruptDataFileIsAOneLineErrorAndExitCode1()
    {
        using var folder = new TempFolder();
        string data = CapturedApp.FakeDataFolder(folder);
        var app = new CapturedApp();

        Assert.Equal(1, app.Run("--data-dir", data, "--output", folder.File("out"), "--exercises", "pca"));

        string error = app.Error.ToString();
        Assert.StartsWith("error: ", error);
        Assert.Contains("train-images-idx3-ubyte.gz", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
