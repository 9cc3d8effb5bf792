using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Mlp.Data;
using Mlp.Examples.Analysis;
using Mlp.Examples.Figures;
using Mlp.Examples.Models;
using Mlp.Examples.Options;
using Mlp.Examples.Pca;
using Mlp.Examples.Tests.Support;
using Mlp.Serialization;
using Xunit.Abstractions;

namespace Mlp.Examples.Tests.Smoke;

public class NotebookSmokeTests(SmokeRun run, ITestOutputHelper output) : IClassFixture<SmokeRun>
{
    private static readonly string[] Runs = ["ex1", "ex2", "ex3", "ex4_pretrained", "ex4_random"];

    private static readonly (string File, Func<IModel> Create)[] Models =
    [
        ("ex1-linear-autoencoder", () => new LinearAutoencoder(0)),
        ("ex2-non-linear-autoencoder", () => new NonLinearAutoencoder(0)),
        ("ex3-denoising-autoencoder", () => new DenoisingAutoencoder(0)),
        ("ex4-pretrained-classifier", () => new DigitClassifier(0)),
        ("ex4-random-init-classifier", () => new DigitClassifier(0)),
    ];

    [Fact]
    public void EveryExerciseRunsThroughTheCommandLinePath()
    {
        output.WriteLine($"smoke run: {run.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(run.Log);
        Assert.Equal("", run.Errors);
        Assert.Equal(0, run.ExitCode);
        foreach (string title in new[] { "Exercise 1: linear autoencoder", "PCA, 50 components", "Exercise 2: non-linear autoencoder",
                     "Exercise 3: denoising autoencoder", "Exercise 4: pre-trained (fine-tuned)", "Exercise 4: random init" })
            Assert.Contains(title, run.Log);
        Assert.Contains("Exercise 1 vs PCA, 50 components", run.Log);
    }

    [Theory]
    [InlineData("ex1-reconstructions.png", 2)]
    [InlineData("pca-reconstructions.png", 2)]
    [InlineData("ex2-reconstructions.png", 2)]
    [InlineData("ex3-denoising.png", 3)]
    [InlineData("filters.png", 4)]
    public void ImageGridsDecodeWithARowPerImageKind(string file, int rows)
    {
        byte[] png = File.ReadAllBytes(run.File(file));
        var (width, height) = Png.Dimensions(png);
        int gap = ImageGridFigure.Gap, scale = ImageGridFigure.Scale;
        Assert.Equal(ImageGridFigure.TopPadding + ImageGridFigure.EdgePadding + scale * (rows * (28 + gap) + gap), height);
        Assert.True(width > scale * (12 * (28 + gap) + gap), $"{file} is {width} pixels wide: fewer than 12 images?");
        using var bitmap = Png.Decode(png);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
    }

    [Theory]
    [InlineData("ex1-learning-curves.png", 800)]
    [InlineData("ex2-learning-curves.png", 800)]
    [InlineData("ex3-learning-curves.png", 800)]
    [InlineData("ex4-learning-curves.png", 1600)]
    [InlineData("ex1-pca-subspace-angles.png", 1600)]
    [InlineData("ex1-pca-unit-cosines.png", 760, 640)]
    public void LearningCurvesDecodeAtTheirSize(string file, int width, int height = 500)
    {
        byte[] png = File.ReadAllBytes(run.File(file));
        Assert.Equal((width, height), Png.Dimensions(png));
        using var bitmap = Png.Decode(png);
        Assert.Equal(width, bitmap.Width);
    }

    [Fact]
    public void EveryRunHasFiniteStatisticsAndItsErrorsFallInTheFirstEpoch()
    {
        foreach (string key in Runs)
        {
            string[] lines = File.ReadAllLines(run.File($"{key}-statistics.csv"));
            string[] header = lines[0].Split(',');
            Assert.Equal(["epoch", "seconds"], header[..2]);
            Assert.Equal(3, lines.Length);   // header, epoch 0, epoch 1
            double[] before = Values(lines[1]), after = Values(lines[2]);
            for (int c = 2; c < header.Length; c++)
            {
                Assert.True(double.IsFinite(before[c]) && double.IsFinite(after[c]), $"{key}: {header[c]} is not finite");
                if (header[c].StartsWith("error(", StringComparison.Ordinal))
                    Assert.True(after[c] < 0.9 * before[c], $"{key}: {header[c]} went from {before[c]} to {after[c]}");
                else
                    Assert.True(after[c] > before[c] + 0.3, $"{key}: {header[c]} went from {before[c]} to {after[c]}");
            }
            Assert.True(after[1] > 0, $"{key}: the epoch took no time");
        }
        Assert.Contains("error(valid_noisy)", File.ReadLines(run.File("ex3-statistics.csv")).First());
    }

    [Fact]
    public void ResultsJsonHoldsTheFinalFiguresOfEveryRunUnderStableKeys()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(run.File("results.json")));
        JsonElement results = json.RootElement.GetProperty("results");
        Assert.Equal(["ex1", "pca", "ex2", "ex3", "ex4_pretrained", "ex4_random"], results.EnumerateObject().Select(p => p.Name));
        foreach (string key in Runs)
        {
            string[] lines = File.ReadAllLines(run.File($"{key}-statistics.csv"));
            string[] header = lines[0].Split(',');
            double[] last = Values(lines[^1]);
            for (int c = 2; c < header.Length; c++)
            {
                // error(valid_noisy) → results[key]["valid_noisy"]["error"]; acc(train) → ["train"]["accuracy"]
                string metric = header[c].StartsWith("acc", StringComparison.Ordinal) ? "accuracy" : "error";
                string set = header[c][(header[c].IndexOf('(') + 1)..^1];
                Assert.Equal(last[c], results.GetProperty(key).GetProperty(set).GetProperty(metric).GetDouble());
            }
            Assert.True(results.GetProperty(key).GetProperty("timing").GetProperty("seconds_per_epoch").GetDouble() > 0);
            Assert.True(results.GetProperty(key).GetProperty("seeds").GetProperty("model").GetInt64() > 0);
        }
        Assert.True(results.GetProperty("pca").GetProperty("train").GetProperty("error").GetDouble() > 0);
        Assert.True(results.GetProperty("ex4_pretrained").GetProperty("valid").GetProperty("best_accuracy").GetDouble() > 0.5);
        Assert.Equal(5, json.RootElement.GetProperty("models").GetArrayLength());
        Assert.Equal(100, json.RootElement.GetProperty("settings").GetProperty("max_batches").GetInt32());
    }

    [Fact]
    public void ReportedFiguresAgreeWithADoublePrecisionEvaluationOfTheSavedModels()
    {
        Assert.Null(DataFolder.Resolve(ExampleOptions.DefaultDataDirectory, out string folder));
        MnistData valid = MnistData.Load(MnistSet.Valid, folder);
        ReadOnlySpan<float> images = valid.Inputs.Span[..(SmokeRun.Images * MnistData.ImageSize)];
        using var json = JsonDocument.Parse(File.ReadAllText(run.File("results.json")));
        JsonElement results = json.RootElement.GetProperty("results");
        double Reported(string key, string set, string metric) => results.GetProperty(key).GetProperty(set).GetProperty(metric).GetDouble();

        var linear = Load(new LinearAutoencoder(0), "ex1-linear-autoencoder");
        Assert.Equal(ReferenceEvaluation.SumOfSquaredDiffs(linear, images, images, SmokeRun.Images), Reported("ex1", "valid", "error"), 1e-4);

        // Exercise 3's corrupted copy of the validation images: masking 0.25 from the fixed seed 999, clean targets.
        float[] corrupted = images.ToArray();
        new MaskingNoise(0.25).Apply(corrupted, new RandomGenerator(999));
        var denoising = Load(new DenoisingAutoencoder(0), "ex3-denoising-autoencoder");
        Assert.Equal(ReferenceEvaluation.SumOfSquaredDiffs(denoising, corrupted, images, SmokeRun.Images), Reported("ex3", "valid_noisy", "error"), 1e-4);

        // float32 and double may order two near-equal logits differently: allow two examples of 5,000.
        var classifier = Load(new DigitClassifier(0), "ex4-pretrained-classifier");
        ReadOnlySpan<int> labels = valid.Labels.Span[..SmokeRun.Images];
        Assert.Equal(ReferenceEvaluation.Accuracy(classifier, images, labels, SmokeRun.Images), Reported("ex4_pretrained", "valid", "accuracy"), 2.0 / SmokeRun.Images);
    }

    [Fact]
    public void SavedModelsLoadBackAndTheirOnnxGraphsComputeWhatTheyCompute()
    {
        Assert.Null(DataFolder.Resolve(ExampleOptions.DefaultDataDirectory, out string folder));
        const int batch = 7;
        float[] x = MnistData.Load(MnistSet.Valid, folder).Inputs.Span[..(batch * MnistData.ImageSize)].ToArray();
        foreach (var (file, create) in Models)
        {
            IModel fresh = create(), model = Load(create(), file);
            Assert.False(fresh.AllValues.SequenceEqual(model.AllValues), $"{file}: the loaded parameters are the untrained ones");

            float[] expected = model.Forward(x, batch).ToArray();
            using var session = new InferenceSession(run.File(file + ".onnx"));
            var input = new DenseTensor<float>(x, [batch, MnistData.ImageSize]);
            using var outputs = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
            float[] actual = outputs.Single().AsEnumerable<float>().ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * (1 + Math.Abs(expected[i])), $"{file}: output {i} is {actual[i]} in ONNX, {expected[i]} here");
        }
    }

    [Fact]
    public void TheReportShowsTheTableAndLinksEveryFigureModelAndCsv()
    {
        string report = File.ReadAllText(run.File("report.md"));
        Assert.Contains("| exercise | train error | valid error | valid noisy error | train acc | valid acc | best valid acc | s/epoch | seconds |", report);
        foreach (string png in Directory.GetFiles(run.Output, "*.png").Select(f => Path.GetFileName(f)))
            Assert.Contains($"]({png})", report);
        foreach (var (file, _) in Models)
        {
            Assert.Contains($"]({file}.safetensors)", report);
            Assert.Contains($"]({file}.onnx)", report);
        }
        foreach (string key in Runs)
            Assert.Contains($"]({key}-statistics.csv)", report);
        Assert.Equal(11, Directory.GetFiles(run.Output, "*.png").Length);
        Assert.Contains("## Does gradient descent find PCA's representation?", report);
    }

    [Fact]
    public void ResultsJsonAnswersWhetherExercise1FindsPcasRepresentationAsTheSavedModelAndPcaDo()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(run.File("results.json")));
        JsonElement linear = json.RootElement.GetProperty("linear_vs_pca");
        Assert.Equal(50, linear.GetProperty("components").GetInt32());
        Assert.Equal([0, 1], linear.GetProperty("epochs").EnumerateArray().Select(e => e.GetInt32()));
        foreach (string side in new[] { "encoder", "codes", "decoder" })
        {
            JsonElement angles = linear.GetProperty(side);
            double largest = angles.GetProperty("largest_angle_degrees").GetDouble(), mean = angles.GetProperty("mean_angle_degrees").GetDouble();
            Assert.InRange(mean, 0, largest);
            Assert.InRange(largest, mean, 90);
            double[] all = angles.GetProperty("angles_degrees").EnumerateArray().Select(a => a.GetDouble()).ToArray();
            Assert.Equal(50, all.Length);
            Assert.Equal(all.Order(), all);
            Assert.Equal(largest, all[^1]);
            Assert.Equal(2, angles.GetProperty("mean_angle_degrees_by_epoch").GetArrayLength());
        }
        double[] codeMeans = linear.GetProperty("codes").GetProperty("mean_angle_degrees_by_epoch").EnumerateArray().Select(a => a.GetDouble()).ToArray();
        Assert.NotEqual(codeMeans[0], codeMeans[1]);   // measured after each epoch, not copied
        JsonElement units = linear.GetProperty("unit_correlations");
        Assert.All(units.GetProperty("best_match").EnumerateArray(), b => Assert.InRange(b.GetDouble(), 0, 1));
        Assert.All(units.GetProperty("best_component").EnumerateArray(), c => Assert.InRange(c.GetInt32(), 1, 50));
        string answer = linear.GetProperty("answer").GetString()!;
        Assert.Contains(answer, File.ReadAllText(run.File("report.md")));

        // The same figures from the saved model and a PCA fit of the same 5,000 training images.
        Assert.Null(DataFolder.Resolve(ExampleOptions.DefaultDataDirectory, out string folder));
        MnistData train = MnistData.Load(MnistSet.Train, folder);
        PrincipalComponents pca = PrincipalComponents.Fit(train.Inputs[..(SmokeRun.Images * MnistData.ImageSize)], SmokeRun.Images, MnistData.ImageSize, 50, Environment.ProcessorCount);
        var model = (LinearAutoencoder)Load(new LinearAutoencoder(0), "ex1-linear-autoencoder");
        SubspaceComparison recomputed = SubspaceComparison.Compute([LinearCodeSnapshot.Capture(model, 1)], pca);
        Assert.Equal(recomputed.Final.Codes.Largest, linear.GetProperty("codes").GetProperty("largest_angle_degrees").GetDouble(), 1e-6);
        Assert.Equal(recomputed.Final.Codes.Mean, linear.GetProperty("codes").GetProperty("mean_angle_degrees").GetDouble(), 1e-6);
        Assert.Equal(recomputed.Final.Decoder.Mean, linear.GetProperty("decoder").GetProperty("mean_angle_degrees").GetDouble(), 1e-6);
        Assert.Equal(recomputed.Final.Encoder.Mean, linear.GetProperty("encoder").GetProperty("mean_angle_degrees").GetDouble(), 1e-6);
        Assert.Equal(recomputed.Units.BestMatch.Average(), units.GetProperty("best_match_mean").GetDouble(), 1e-6);

        JsonElement results = json.RootElement.GetProperty("results");
        foreach (string set in new[] { "train", "valid" })
        {
            double ex2 = results.GetProperty("ex2").GetProperty(set).GetProperty("error").GetDouble();
            double pcaError = results.GetProperty("pca").GetProperty(set).GetProperty("error").GetDouble();
            JsonElement below = json.RootElement.GetProperty("ex2_vs_linear").GetProperty("pca").GetProperty(set);
            Assert.Equal(100 * (pcaError - ex2) / pcaError, below.GetProperty("percent_below").GetDouble(), 1e-9);
        }
    }

    private IModel Load(IModel model, string file)
    {
        model.Load(run.File(file + ".safetensors"));
        return model;
    }

    private static double[] Values(string line) =>
        line.Split(',').Select(v => v.Length == 0 ? 0 : double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
}
