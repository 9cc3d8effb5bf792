using Mlp.Examples.Output;
using Mlp.Examples.Results;

namespace Mlp.Examples.Exercises;

/// <summary>What an exercise hands back for the results table, the CSV files and the report.</summary>
/// <param name="Results">Its rows of the results table (exercise 4 has two: pre-trained and random initialisation).</param>
/// <param name="Runs">Its training runs' per-epoch statistics; empty for PCA.</param>
/// <param name="Figures">The figures it wrote into the output folder.</param>
/// <param name="Models">The trained models it saved into the output folder; empty for PCA.</param>
/// <param name="Notes">Lines for the report under the results table (e.g. how exercise 1 compares with PCA); none by default.</param>
public sealed record ExerciseOutcome(
    IReadOnlyList<ExerciseResult> Results,
    IReadOnlyList<RunHistory> Runs,
    IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<SavedModel> Models,
    IReadOnlyList<string>? Notes = null);
