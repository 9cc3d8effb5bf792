using Mlp.Examples.Output;
using Mlp.Examples.Results;

namespace Mlp.Examples.Tests.Output;

/// <summary>A small, fully known set of results, as the notebook's exercises will produce them.</summary>
public static class SampleResults
{
    public static RunHistory Ex1 { get; } = new("ex1", "linear autoencoder",
    [
        new EpochStatistics(0, 10.0, 10.5),
        new EpochStatistics(1, 5.0, 5.25, Seconds: 1.5),
        new EpochStatistics(2, 4.75, 4.5, Seconds: 2.5),
    ]);

    public static RunHistory Pretrained { get; } = new("ex4_pretrained", "pre-trained",
    [
        new EpochStatistics(0, 2.3, 2.31, 0.1, 0.09),
        new EpochStatistics(1, 0.2, 0.15, 0.95, 0.97, 2.0),
        new EpochStatistics(2, 0.1, 0.18, 0.975, 0.965, 2.0),
    ]);

    public static IReadOnlyList<ExerciseResult> Results { get; } =
    [
        ExerciseResult.FromRun(Ex1, "Exercise 1: linear autoencoder", 4.5),
        new ExerciseResult("pca", "PCA, 50 components", [new SetResult("train", 4.5906), new SetResult("valid", 4.5779)], 2.5, null,
            [new("covariance", 0.75), new("eigendecomposition", 1.25)]),
        ExerciseResult.FromRun(Pretrained, "Exercise 4: pre-trained | fine-tuned", 5.0, new SetResult("valid_masked", double.NaN)),
    ];

    public static RunReport Report { get; } = new(
        Results,
        [Ex1, Pretrained],
        [new ReportFigure("PCA reconstructions", "pca-reconstructions.png")],
        [new("--epochs", 2), new("--lr", 0.001), new("--freeze-pretrained", true), new("--max-batches", null), new("--noise", "masking")],
        new MachineInfo("Test CPU", 2, ".NET 10.0.0", "Linux", "256-bit (8 floats)"),
        12.5,
        [new("load_mnist", 0.5)],
        ["Not run: 2, 3."]);
}
