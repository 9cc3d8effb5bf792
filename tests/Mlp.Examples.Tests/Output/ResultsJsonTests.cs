using System.Text.Json;
using Mlp.Examples.Output;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Output;

public class ResultsJsonTests
{
    [Fact]
    public void HoldsEveryFigureOfTheTableUnderExerciseSetAndMetric()
    {
        using var folder = new TempFolder();
        string path = ResultsJson.Write(folder.Path, SampleResults.Report);
        Assert.Equal(folder.File("results.json"), path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement results = json.RootElement.GetProperty("results");

        Assert.Equal(4.75, results.GetProperty("ex1").GetProperty("train").GetProperty("error").GetDouble());
        Assert.Equal(4.5, results.GetProperty("ex1").GetProperty("valid").GetProperty("best_error").GetDouble());
        Assert.Equal(2.0, results.GetProperty("ex1").GetProperty("timing").GetProperty("seconds_per_epoch").GetDouble());
        Assert.Equal(124, results.GetProperty("ex1").GetProperty("seeds").GetProperty("batches").GetInt64());
        Assert.False(results.GetProperty("pca").TryGetProperty("seeds", out _));
        Assert.False(results.GetProperty("ex1").GetProperty("train").TryGetProperty("accuracy", out _));

        Assert.Equal(4.5779, results.GetProperty("pca").GetProperty("valid").GetProperty("error").GetDouble());
        Assert.Equal(0.75, results.GetProperty("pca").GetProperty("timing").GetProperty("covariance_seconds").GetDouble());
        Assert.False(results.GetProperty("pca").GetProperty("timing").TryGetProperty("seconds_per_epoch", out _));

        JsonElement ex4 = results.GetProperty("ex4_pretrained");
        Assert.Equal(0.965, ex4.GetProperty("valid").GetProperty("accuracy").GetDouble());
        Assert.Equal(0.97, ex4.GetProperty("valid").GetProperty("best_accuracy").GetDouble());
        Assert.Equal(JsonValueKind.Null, ex4.GetProperty("valid_masked").GetProperty("error").ValueKind);   // NaN
    }

    [Fact]
    public void HoldsTitlesSettingsMachineFilesAndTimes()
    {
        using var json = JsonDocument.Parse(ResultsJson.Render(SampleResults.Report));
        JsonElement root = json.RootElement;
        Assert.Equal("PCA, 50 components", root.GetProperty("titles").GetProperty("pca").GetString());
        JsonElement settings = root.GetProperty("settings");
        Assert.Equal(2, settings.GetProperty("epochs").GetInt32());
        Assert.Equal(0.001, settings.GetProperty("lr").GetDouble());
        Assert.True(settings.GetProperty("freeze_pretrained").GetBoolean());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("max_batches").ValueKind);
        Assert.Equal("masking", settings.GetProperty("noise").GetString());
        Assert.Equal("Test CPU", root.GetProperty("machine").GetProperty("processor").GetString());
        Assert.Equal(2, root.GetProperty("machine").GetProperty("cores").GetInt32());
        Assert.Equal("1.50 2.00 2.50", root.GetProperty("machine").GetProperty("load_average").GetString());
        Assert.Equal("pca-reconstructions.png", root.GetProperty("figures")[0].GetProperty("file").GetString());
        JsonElement model = root.GetProperty("models")[0];
        Assert.Equal("ex1 model.safetensors", model.GetProperty("safetensors").GetString());
        Assert.Equal("ex1 model.onnx", model.GetProperty("onnx").GetString());
        Assert.Equal(79234, model.GetProperty("parameters").GetInt32());
        Assert.Equal("Affine(784, 50) -> Affine(50, 784)", model.GetProperty("architecture").GetString());
        Assert.Equal(["ex1-statistics.csv", "ex4_pretrained-statistics.csv"], root.GetProperty("statistics").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0.5, root.GetProperty("stages").GetProperty("load_mnist_seconds").GetDouble());
        Assert.Equal(12.5, root.GetProperty("total_seconds").GetDouble());
    }
}
