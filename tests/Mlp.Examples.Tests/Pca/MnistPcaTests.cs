using Xunit.Abstractions;
using Mlp.Examples.Data;
using Mlp.Examples.Options;
using Mlp.Examples.Pca;

namespace Mlp.Examples.Tests.Pca;

/// <summary>PCA on all 50,000 training images (about 3 s on two cores) against the course's NumPy figures.</summary>
public class MnistPcaTests(ITestOutputHelper output)
{
    [Fact]
    public void FiftyComponentsMatchTheCourseReference()
    {
        Assert.Null(DataFolder.Resolve(ExampleOptions.DefaultDataDirectory, out string folder));
        MnistSplit data = MnistSplit.Load(folder);
        var pca = PrincipalComponents.Fit(data.Train.Pixels, data.Train.Count, data.Train.Dimension, 50, threads: Environment.ProcessorCount);

        double train = pca.ReconstructionError(data.Train.Pixels, data.Train.Count, Environment.ProcessorCount);
        double valid = pca.ReconstructionError(data.Valid.Pixels, data.Valid.Count, Environment.ProcessorCount);
        output.WriteLine($"train {train:F5} valid {valid:F5}; covariance {pca.FitTimes.Covariance.TotalSeconds:F2} s, eigendecomposition {pca.FitTimes.Eigendecomposition.TotalSeconds:F2} s");

        // The NumPy reference (float64 throughout): 4.591 and 4.578; the bar is 0.1%.
        Assert.Equal(4.591, train, 4.591 * 1e-3);
        Assert.Equal(4.578, valid, 4.578 * 1e-3);
        Assert.Equal(pca.HalfDiscardedVariance, train, 1e-6);
    }
}
