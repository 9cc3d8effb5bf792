using System.Globalization;
using Mlp.Examples.Analysis;
using Mlp.Examples.Figures;
using Mlp.Examples.Models;
using Mlp.Examples.Output;
using Mlp.Examples.Pca;
using Mlp.Examples.Results;

namespace Mlp.Examples.Exercises;

/// <summary>
/// The notebook's questions answered from the trained models once every part has run: does exercise 1's linear
/// autoencoder find PCA's representation (its subspace, epoch by epoch, and its units), what do the encoders' filters
/// and the components look like, and how far below the linear optimum exercise 2's non-linear model gets.
/// </summary>
public static class RepresentationAnalysis
{
    /// <summary>Filters shown per model in the filters figure.</summary>
    public const int ShownFilters = 16;

    /// <summary>The figure of exercise 1's errors beside its code's principal angles to PCA's subspace.</summary>
    public const string AnglesFigure = "ex1-pca-subspace-angles.png";

    /// <summary>The heatmap of the cosines between exercise 1's units and the components.</summary>
    public const string CosinesFigure = "ex1-pca-unit-cosines.png";

    /// <summary>The grid of encoder filters and principal components.</summary>
    public const string FiltersFigure = "filters.png";

    /// <summary>Compares what ran; parts that did not run leave their comparisons out.</summary>
    /// <param name="context">The run's settings and output folder.</param>
    /// <param name="linear">Exercise 1, when it ran.</param>
    /// <param name="pca">PCA's fit and result, when it ran.</param>
    /// <param name="nonLinear">Exercise 2's model and result, when it ran.</param>
    public static AnalysisOutcome Run(ExerciseContext context, LinearRun? linear, (PrincipalComponents Fit, ExerciseResult Result)? pca,
        (NonLinearAutoencoder Model, ExerciseResult Result)? nonLinear)
    {
        ArgumentNullException.ThrowIfNull(context);
        var figures = new List<ReportFigure>();
        var notes = new List<string>();
        SubspaceComparison? subspaces = null;
        if (linear is not null && pca is { } p)
        {
            subspaces = SubspaceComparison.Compute(linear.Snapshots, p.Fit, context.ThreadCount);
            SubspaceAngleFigure.Save(Path.Combine(context.OutputFolder, AnglesFigure), linear.Run, LinearAutoencoderExercise.ErrorPanel(p.Result), subspaces);
            figures.Add(new ReportFigure(Invariant($"Exercise 1 against PCA: its errors approach PCA's while the principal angles between its code's subspaces and that of the top {subspaces.Components} components fall"), AnglesFigure));
            CosineHeatmapFigure.Save(Path.Combine(context.OutputFolder, CosinesFigure),
                Invariant($"|correlation| of exercise 1's codes with PCA's scores (epoch {subspaces.Final.Epoch})"), subspaces.Units);
            figures.Add(new ReportFigure("Exercise 1 against PCA: absolute correlations, over the training images, between each unit's code (rows) and each principal component's score (columns)", CosinesFigure));
            context.Log($"Exercise 1 vs PCA, representation: {subspaces.Answer()}");
        }

        int dimension = context.Data.Train.Dimension;
        var rows = new List<ImageRow>();
        if (linear is not null)
        {
            rows.Add(new ImageRow("linear AE encoder", Filters(linear.Model.Layer0Weights.Values, dimension), ShownFilters));
            // The decoder's columns beside them: the directions the code writes back, which carry no weights along unvarying pixels' directions.
            rows.Add(new ImageRow("linear AE decoder", Filters(linear.Snapshots[^1].Decoder, dimension), ShownFilters));
        }
        if (nonLinear is { } n)
            rows.Add(new ImageRow("non-linear AE encoder", Filters(n.Model.Layer0Weights.Values, dimension), ShownFilters));
        if (pca is { } q && q.Fit.ComponentCount >= ShownFilters)
            rows.Add(new ImageRow("principal components", Filters(q.Fit.Components, dimension), ShownFilters));
        if (rows.Count > 0)
        {
            ImageGridFigure.Save(Path.Combine(context.OutputFolder, FiltersFigure),
                $"The first {ShownFilters} filters: blue negative, white 0, red positive, each on its own scale", rows,
                context.Data.Train.Rows, context.Data.Train.Columns, ImageColourScale.Symmetric);
            figures.Add(new ReportFigure(Invariant($"The first {ShownFilters} filters (weight rows, decoder columns, components as images): {string.Join(", ", rows.Select(r => r.Label))}, each on a symmetric colour scale"), FiltersFigure));
        }

        IReadOnlyList<ErrorComparison> belowPca = [], belowLinear = [];
        if (nonLinear is { } m)
        {
            if (pca is { } r)
                belowPca = Compare(m.Result, r.Result);
            if (linear is not null)
                belowLinear = Compare(m.Result, linear.Result);
            if (belowPca.Count > 0 || belowLinear.Count > 0)
            {
                string note = DescribeNonLinear(belowPca, pca?.Result.Title, belowLinear);
                context.Log(note);
                notes.Add(note);
            }
        }
        return new AnalysisOutcome(figures, notes, subspaces, belowPca, belowLinear);
    }

    /// <summary>Exercise 2's error against a reference's on the training and validation sets.</summary>
    public static IReadOnlyList<ErrorComparison> Compare(ExerciseResult model, ExerciseResult reference)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reference);
        return [.. new[] { SetResult.Train, SetResult.Valid }.Select(set =>
            new ErrorComparison(set, model.Sets.First(s => s.Set == set).Error, reference.Sets.First(s => s.Set == set).Error))];
    }

    /// <summary>E.g. "Exercise 2's non-linear autoencoder ends 54.9% below PCA's linear optimum on the training set (…) and …".</summary>
    public static string DescribeNonLinear(IReadOnlyList<ErrorComparison> belowPca, string? pcaTitle, IReadOnlyList<ErrorComparison> belowLinear)
    {
        ArgumentNullException.ThrowIfNull(belowPca);
        ArgumentNullException.ThrowIfNull(belowLinear);
        string Sets(IReadOnlyList<ErrorComparison> c) => $"{c[0].Describe("training set")} and {c[1].Describe("validation set")}";
        var parts = new List<string>();
        if (belowPca.Count > 0)
            parts.Add($"against {pcaTitle} (the best any linear code of that size can do) it ends {Sets(belowPca)}");
        if (belowLinear.Count > 0)
            parts.Add($"against exercise 1's trained linear autoencoder {Sets(belowLinear)}");
        return $"Exercise 2's non-linear autoencoder, with the same 50 hidden units: {string.Join("; ", parts)}.";
    }

    // The first filters, each a row of `dimension` weights (or a component), as float images.
    private static float[] Filters(ReadOnlySpan<float> rows, int dimension) => rows[..(ShownFilters * dimension)].ToArray();

    private static float[] Filters(ReadOnlySpan<double> rows, int dimension)
    {
        var filters = new float[ShownFilters * dimension];
        for (int i = 0; i < filters.Length; i++)
            filters[i] = (float)rows[i];
        return filters;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What the analysis adds to the report and <c>results.json</c>.</summary>
/// <param name="Figures">The figures it wrote.</param>
/// <param name="Notes">Lines for the report under the results table.</param>
/// <param name="Subspaces">Exercise 1 against PCA, when both ran.</param>
/// <param name="NonLinearBelowPca">Exercise 2's errors against PCA's, when both ran; empty otherwise.</param>
/// <param name="NonLinearBelowLinear">Exercise 2's errors against exercise 1's, when both ran; empty otherwise.</param>
public sealed record AnalysisOutcome(
    IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<string> Notes,
    SubspaceComparison? Subspaces,
    IReadOnlyList<ErrorComparison> NonLinearBelowPca,
    IReadOnlyList<ErrorComparison> NonLinearBelowLinear);
