using System.IO.Compression;
using System.Text.Json;
using Mlp.Examples.Data;
using Mlp.Examples.Exercises;
using Mlp.Examples.Figures;
using Mlp.Examples.Options;
using Mlp.Examples.Pca;
using Mlp.Examples.Progress;
using Mlp.Examples.Results;
using Mlp.Examples.Tests.Support;
using Spectre.Console.Testing;

namespace Mlp.Examples.Tests.Exercises;

public class NotebookRunTests
{
    [Fact]
    public void Pca_exercise_reports_its_errors_and_draws_its_figure()
    {
        using var folder = new TempFolder();
        const int train = 300, valid = 40, side = 8;   // small images keep the eigendecomposition quick
        float[] pixels = SyntheticData.Uniform(train + valid, side * side, seed: 43);
        var all = new ImageSet(pixels, train + valid, side, side);
        var data = new MnistSplit(all.Slice(0, train), all.Slice(train, valid));
        var output = new StringWriter();
        var console = new AppConsole(output, output, new TestConsole(), Interactive: false);
        var options = new ExampleOptions { PcaComponents = 5, Threads = 2 };

        ExerciseOutcome outcome = PcaExercise.Run(new ExerciseContext(options, data, folder.Path, new PlainProgressDisplay(output), console));

        ExerciseResult result = Assert.Single(outcome.Results);
        Assert.Equal("pca", result.Key);
        Assert.Equal("PCA, 5 components", result.Title);
        var pca = PrincipalComponents.Fit(pixels.AsMemory(0, train * side * side), train, side * side, 5);
        double expectedValid = NaiveStatistics.ReconstructionError(pixels[(train * side * side)..], valid, side * side, pca.Components, 5, pca.Mean);
        Assert.Equal(SetResult.Train, result.Sets[0].Set);
        Assert.Equal(pca.HalfDiscardedVariance, result.Sets[0].Error, 1e-9);
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
    public void Exercises_this_build_cannot_run_are_named_in_the_report_and_nothing_is_loaded()
    {
        using var folder = new TempFolder();
        string data = CapturedApp.FakeDataFolder(folder);   // an empty file: reading it would fail
        string output = folder.File("out");
        var app = new CapturedApp();

        Assert.Equal(0, app.Run("--data-dir", data, "--output", output, "--exercises", "1,2"));

        Assert.Contains("Not run: 1, 2", app.Out.ToString());
        Assert.Contains("Not run: 1, 2", File.ReadAllText(Path.Combine(output, "report.md")));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "results.json")));
        Assert.Empty(json.RootElement.GetProperty("results").EnumerateObject());
        Assert.Equal("1,2", json.RootElement.GetProperty("settings").GetProperty("exercises").GetString());
    }

    [Fact]
    public void A_corrupt_data_file_is_a_one_line_error_and_exit_code_1()
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

    [Fact]
    public void The_idx_reader_checks_the_magic_number_and_the_length()
    {
        using var folder = new TempFolder();
        string path = folder.File("images.gz");
        WriteGzip(path, [0, 0, 8, 1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0]);   // a labels file's magic
        var wrongMagic = Assert.Throws<InvalidDataException>(() => IdxImageFile.Read(path));
        Assert.Contains("0x00000801", wrongMagic.Message);

        WriteGzip(path, [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7]);   // 7 of 8 pixels
        Assert.Contains("ends before", Assert.Throws<InvalidDataException>(() => IdxImageFile.Read(path)).Message);

        WriteGzip(path, [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2, 0, 64, 128, 255, 1, 2, 3, 4]);
        ImageSet images = IdxImageFile.Read(path);
        Assert.Equal((2, 2, 2), (images.Count, images.Rows, images.Columns));
        Assert.Equal([0f, 0.25f, 0.5f, 255f / 256, 1f / 256, 2f / 256, 3f / 256, 4f / 256], images.Pixels.ToArray());
        Assert.Equal([1f / 256, 2f / 256, 3f / 256, 4f / 256], images.Slice(1, 1).Pixels.ToArray());
    }

    private static void WriteGzip(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
    }
}
