namespace Mlp.Examples.Pca;

/// <summary>How long the two stages of a principal-component fit took.</summary>
/// <param name="Covariance">Computing the mean and the covariance matrix.</param>
/// <param name="Eigendecomposition">The symmetric eigendecomposition and sorting the components.</param>
public readonly record struct PcaFitTimes(TimeSpan Covariance, TimeSpan Eigendecomposition);
