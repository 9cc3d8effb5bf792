using Mlp.Examples.Output;
using Mlp.Examples.Results;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Output;

/// <summary>A small, fully known set of results, as the notebook's exercises produce them.</summary>
public static class SampleResults
{
    public static RunHistory Ex1 { get; } = Runs.Autoencoder("ex1", "linear autoencoder", [(10.0, 10.5), (5.0, 5.25), (4.75, 4.5)], 1.5, 2.5);

    public static RunHistory Pretrained { get; } = Runs.Classifier("ex4_pretrained", "pre-trained",
        [(2.3, 0.1, 2.31, 0.09), (0.2, 0.95, 0.15, 0.97), (0.1, 0.975, 0.18, 0.965)], 2.0, 2.0);

    public static IReadOnlyList<ExerciseResult> Results { get; } =
    [
        ExerciseResult.FromRun(Ex1, "Exercise 1: linear autoencoder", 4.5) with { Seeds = [new("model", 123), new("batches", 124)] },
        new ExerciseResult("pca", "PCA, 50 components", [new SetResult("train", 4.5906), new SetResult("valid", 4.5779)], 2.5, null,
            [new("covariance", 0.75), new("eigendecomposition", 1.25)]),
        ExerciseResult.FromRun(Pretrained, "Exercise 4: pre-trained | fine-tuned", 5.0, new SetResult("valid_masked", double.NaN)),
    ];

    public static RunReport Report { get; } = new(
        Results,
        [Ex1, Pretrained],
        [new ReportFigure("PCA reconstructions", "pca-reconstructions.png")],
        [new("--epochs", 2), new("--lr", 0.001), new("--freeze-pretrained", true), new("--max-batches", null), new("--noise", "masking")],
        new MachineInfo("Test CPU", 2, ".NET 10.0.0", "Linux", "256-bit (8 floats)") { LoadAverage = "1.50 2.00 2.50" },
        12.5,
        [new("load_mnist", 0.5)],
        ["Exercise 2 runs as well."],
        [new SavedModel("Exercise 1 | linear", "Affine(784, 50) -> Affine(50, 784)", 79234, "ex1 model.safetensors", "ex1 model.onnx")]);
}
