namespace Mlp.Generators.Tests;

/// <summary>The generated source of representative models, checked against verified snapshots; each must compile cleanly.</summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Autoencoder() => VerifyModel("Autoencoder", "Demo.Autoencoder.g.cs", """
        using Mlp;
        namespace Demo;

        [Affine(784, 50)] [Relu] [Affine(50, 784)] [Sigmoid]
        public partial class Autoencoder;
        """);

    [Fact]
    public void ClassifierWithSoftmax() => VerifyModel("Classifier", "Demo.Classifier.g.cs", """
        using Mlp;
        namespace Demo;

        [Affine(784, 100)] [Relu] [Affine(100, 10)] [Softmax]
        public partial class Classifier;
        """);

    [Fact]
    public void EveryLayerKind() => VerifyModel("EveryLayer", "Demo.Models.EveryLayer.g.cs", """
        using Mlp;
        namespace Demo.Models;

        [Dropout(0.8f)]
        [Affine(7, 33)] [Relu]
        [Affine(33, 12)] [LeakyRelu(0.2f)]
        [Affine(12, 9)] [Elu]
        [Affine(9, 9)] [Tanh] [Dropout(0.5f)]
        [Affine(9, 5)] [Sigmoid]
        [Affine(5, 3)] [Softmax]
        internal sealed partial class EveryLayer
        {
        }
        """);

    [Fact]
    public void BatchNormFirstAndBetweenLayers() => VerifyModel("BatchNormClassifier", "Demo.BatchNormClassifier.g.cs", """
        using Mlp;
        namespace Demo;

        [BatchNorm] [Affine(5, 4)] [BatchNorm(0.25f)] [Relu] [Affine(4, 3)] [Softmax]
        public partial class BatchNormClassifier;
        """);

    [Fact]
    public void SingleAffineInTheGlobalNamespace() => VerifyModel("SingleAffine", "SingleAffine.g.cs", """
        [Mlp.Affine(3, 1)]
        partial class SingleAffine;
        """);

    [Fact]
    public void LayerTransfer() => VerifyModel("PretrainedClassifier", "Demo.PretrainedClassifier.g.cs", """
        using Mlp;
        namespace Demo;

        [Affine(784, 50)] [Relu] [Affine(50, 784)] [Sigmoid]
        public partial class Autoencoder;

        [Affine(784, 50)] [Relu] [Affine(50, 100)] [Relu] [Affine(100, 10)]
        [TransferLayer(0, typeof(Autoencoder), 0)]
        public partial class PretrainedClassifier;
        """);

    private static void VerifyModel(string snapshotName, string hintName, string source)
    {
        BuildResult result = GeneratorHarness.Build(source);
        Assert.True(!result.WarningsAndErrors.Any(), result.Describe());
        Snapshot.Verify(snapshotName, result.GeneratedSource(hintName));
    }
}
