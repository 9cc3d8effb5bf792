using Mlp.Data;

namespace Mlp.Tests.Data;

public class MnistDataTests
{
    [Theory]
    [InlineData(MnistSet.Train, 50_000, true, 0)]
    [InlineData(MnistSet.Valid, 10_000, true, 50_000)]
    [InlineData(MnistSet.Test, 10_000, false, 0)]
    public void SetsFollowTheCourseSplitOfTheIdxFiles(MnistSet set, int count, bool trainingFile, int firstFileIndex)
    {
        var data = MnistData.Load(set);

        Assert.Equal(set, data.Set);
        Assert.Equal(count, data.Count);
        Assert.Equal(count * 784, data.Inputs.Length);
        Assert.Equal(trainingFile ? 60_000 : 10_000, IdxTestFiles.FileCount(trainingFile, labels: false));
        Assert.Equal(trainingFile ? 60_000 : 10_000, IdxTestFiles.FileCount(trainingFile, labels: true));
        foreach (int i in new[] { 0, 1, count / 2, count - 1 })
        {
            byte[] image = IdxTestFiles.FileImage(trainingFile, firstFileIndex + i);
            float[] expected = image.Select(b => b / 256f).ToArray();
            Assert.Equal(expected, data.Inputs.Span.Slice(i * 784, 784).ToArray());
            Assert.Equal(IdxTestFiles.FileLabel(trainingFile, firstFileIndex + i), data.Labels.Span[i]);
        }
    }

    [Fact]
    public void KnownFirstLabelsOfTheFilesMatch()
    {
        // MNIST's training file starts 5, 0, 4, 1, 9; its test file 7, 2, 1, 0, 4.
        Assert.Equal([5, 0, 4, 1, 9], MnistData.Load(MnistSet.Train).Labels.Span[..5].ToArray());
        Assert.Equal([7, 2, 1, 0, 4], MnistData.Load(MnistSet.Test).Labels.Span[..5].ToArray());
    }

    [Theory]
    [InlineData(MnistSet.Train)]
    [InlineData(MnistSet.Valid)]
    [InlineData(MnistSet.Test)]
    public void TargetsAreOneOfKOfTheLabels(MnistSet set)
    {
        var data = MnistData.Load(set);
        ReadOnlySpan<float> targets = data.Targets.Span;
        ReadOnlySpan<int> labels = data.Labels.Span;
        var perClass = new int[10];

        Assert.Equal(data.Count * 10, targets.Length);
        for (int i = 0; i < data.Count; i++)
        {
            for (int k = 0; k < 10; k++)
            {
                if (targets[i * 10 + k] != (k == labels[i] ? 1f : 0f))
                    Assert.Fail($"example {i} (label {labels[i]}): target column {k} is {targets[i * 10 + k]}");
            }
            perClass[labels[i]]++;
        }
        Assert.All(perClass, c => Assert.InRange(c, data.Count / 20, data.Count / 5));
    }

    [Fact]
    public void PixelValuesAreMultiplesOfOneOver256BelowOne()
    {
        var inputs = MnistData.Load(MnistSet.Test).Inputs.Span;
        float max = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            float scaled = inputs[i] * 256f;
            if (scaled != MathF.Round(scaled) || scaled < 0 || scaled > 255)
                Assert.Fail($"pixel {i} is {inputs[i]}");
            max = Math.Max(max, inputs[i]);
        }
        Assert.Equal(255f / 256f, max);
    }

    [Fact]
    public void LoadingASetAgainReusesTheDecodedFile()
    {
        var a = MnistData.Load(MnistSet.Train);
        var b = MnistData.Load(MnistSet.Valid);

        Assert.True(a.Inputs.Span[(50_000 * 784)..].IsEmpty);
        // Valid starts where Train ends, in the same decoded array.
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(a.Inputs, out var trainSegment));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(b.Inputs, out var validSegment));
        Assert.Same(trainSegment.Array, validSegment.Array);
        Assert.Equal(50_000 * 784, validSegment.Offset);
    }

    [Fact]
    public void LocateDirectoryFindsTheRepositoryDataFromTheTestBinaries()
    {
        string folder = MnistFiles.LocateDirectory(null, [AppContext.BaseDirectory], out string provenance);

        Assert.True(File.Exists(Path.Combine(folder, MnistFiles.TrainImages)));
        Assert.EndsWith(Path.Combine("data", "mnist"), folder);
        Assert.Contains("MLP_DATA_DIR", provenance);
    }
}
