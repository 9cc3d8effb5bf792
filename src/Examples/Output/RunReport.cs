using Mlp.Examples.Analysis;
using Mlp.Examples.Results;

namespace Mlp.Examples.Output;

/// <summary>Everything <c>report.md</c> and <c>results.json</c> say about a run of the notebook.</summary>
/// <param name="Results">The results table's rows, in order.</param>
/// <param name="Runs">The training runs whose per-epoch statistics were saved as CSV.</param>
/// <param name="Figures">The figures written, in the order the report shows them.</param>
/// <param name="Settings">The settings used, flag and value (<see cref="Options.ExampleOptions.Describe"/>).</param>
/// <param name="Machine">The machine the run used.</param>
/// <param name="TotalSeconds">The wall-clock seconds of the whole run, data loading included.</param>
/// <param name="Stages">Seconds of named stages outside the exercises (e.g. <c>load_mnist</c>), in order.</param>
/// <param name="Notes">Lines the report adds under the table (e.g. how exercise 1 compares with PCA).</param>
/// <param name="Models">The trained models saved in the output folder, in the order they were trained.</param>
public sealed record RunReport(
    IReadOnlyList<ExerciseResult> Results,
    IReadOnlyList<RunHistory> Runs,
    IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<KeyValuePair<string, object?>> Settings,
    MachineInfo Machine,
    double TotalSeconds,
    IReadOnlyList<KeyValuePair<string, double>> Stages,
    IReadOnlyList<string> Notes,
    IReadOnlyList<SavedModel> Models)
{
    /// <summary>Exercise 1's code against PCA's components (principal angles per epoch, unit cosines); null unless both ran.</summary>
    public SubspaceComparison? Subspaces { get; init; }

    /// <summary>Exercise 2's final errors against PCA's, train then valid; empty unless both ran.</summary>
    public IReadOnlyList<ErrorComparison> NonLinearBelowPca { get; init; } = [];

    /// <summary>Exercise 2's final errors against exercise 1's, train then valid; empty unless both ran.</summary>
    public IReadOnlyList<ErrorComparison> NonLinearBelowLinear { get; init; } = [];
}

/// <summary>A figure of the report.</summary>
/// <param name="Caption">What the figure shows.</param>
/// <param name="FileName">The PNG's file name, relative to the output folder.</param>
public sealed record ReportFigure(string Caption, string FileName);

/// <summary>A trained model saved in the output folder, as safetensors (parameters) and as ONNX (inference graph).</summary>
/// <param name="Title">What the model is, e.g. <c>Exercise 1: linear autoencoder</c>.</param>
/// <param name="Architecture">The model's layers as declared, e.g. <c>Affine(784, 50) -> Affine(50, 784)</c>.</param>
/// <param name="ParameterCount">The number of trainable values.</param>
/// <param name="SafeTensorsFile">The safetensors file's name, relative to the output folder.</param>
/// <param name="OnnxFile">The ONNX file's name, relative to the output folder.</param>
public sealed record SavedModel(string Title, string Architecture, int ParameterCount, string SafeTensorsFile, string OnnxFile);
