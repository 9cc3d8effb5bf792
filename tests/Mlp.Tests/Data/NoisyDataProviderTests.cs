using System.Runtime.InteropServices;
using Mlp.Data;

namespace Mlp.Tests.Data;

public class NoisyDataProviderTests
{
    public static TheoryData<string> Schemes => ["gaussian", "masking", "salt-and-pepper"];

    private static IInputNoise Noise(string scheme) => scheme switch
    {
        "gaussian" => new GaussianNoise(0.3),
        "masking" => new MaskingNoise(0.25),
        _ => new SaltAndPepperNoise(0.2),
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public void AutoencoderTargetsStayBitIdenticalToTheCleanInputs(string scheme)
    {
        // Two identical autoencoder providers walked in lockstep: one clean, one under the noise.
        var data = MnistData.Load(MnistSet.Valid);
        var clean = new MnistAutoencoderDataProvider(data, batchSize: 50, maxNumBatches: 6, seed: 21);
        var noisy = new NoisyDataProvider(new MnistAutoencoderDataProvider(data, batchSize: 50, maxNumBatches: 6, seed: 21), Noise(scheme), seed: 5);
        byte[] allInputsBefore = MemoryMarshal.AsBytes(data.Inputs.Span).ToArray();
        int batches = 0;

        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach (var corrupted in noisy)
            {
                Assert.True(clean.TryGetNextBatch(out var reference));
                batches++;
                Assert.True(Bits(corrupted.Targets).SequenceEqual(Bits(reference.Inputs)), $"{scheme}: targets differ from the clean inputs");
                Assert.False(Bits(corrupted.Inputs).SequenceEqual(Bits(reference.Inputs)), $"{scheme}: no noise was applied");
                Assert.Equal(reference.Labels.ToArray(), corrupted.Labels.ToArray());
            }
            Assert.False(clean.TryGetNextBatch(out _));
        }

        Assert.Equal(12, batches);
        Assert.True(allInputsBefore.AsSpan().SequenceEqual(MemoryMarshal.AsBytes(data.Inputs.Span)), "the source data changed");
        Assert.True(noisy.AllInputs == clean.AllInputs);
    }

    [Fact]
    public void MaskedBatchesZeroAboutAQuarterOfThePixelsAndKeepTheRest()
    {
        var source = EncodedData.Provider(numExamples: 1000, batchSize: 100, inputDim: 50);
        var noisy = new NoisyDataProvider(source, new MaskingNoise(0.25));
        int zeros = 0, total = 0;

        foreach (var batch in noisy)
        {
            for (int r = 0; r < batch.Size; r++)
            {
                int id = batch.Indices[r];
                for (int c = 0; c < 50; c++)
                {
                    float v = batch.Inputs[r * 50 + c];
                    if (v == 0 && EncodedData.Input(id, c) != 0)
                        zeros++;
                    else
                        Assert.Equal(EncodedData.Input(id, c), v);
                    total++;
                }
                Assert.Equal(EncodedData.Target(id, 0), batch.Targets[r * 2]);
            }
        }

        double tolerance = 5 * Math.Sqrt(0.25 * 0.75 / total);
        Assert.InRange((double)zeros / total, 0.25 - tolerance, 0.25 + tolerance);
    }

    [Fact]
    public void SameSeedsGiveTheSameNoisyBatches()
    {
        static NoisyDataProvider Make(long noiseSeed) => new(EncodedData.Provider(seed: 3), new GaussianNoise(1), noiseSeed);
        NoisyDataProvider a = Make(8), b = Make(8), c = Make(9);

        for (int epoch = 0; epoch < 2; epoch++)
        {
            var (ea, eb, ec) = (Inputs(a), Inputs(b), Inputs(c));
            Assert.Equal(ea, eb);
            Assert.NotEqual(ea, ec);
        }
    }

    [Fact]
    public void StateRestoresBothTheSourcePositionAndTheNoiseGenerator()
    {
        var original = new NoisyDataProvider(EncodedData.Provider(seed: 1), new SaltAndPepperNoise(0.5), seed: 2);
        Inputs(original);
        for (int i = 0; i < 3; i++)
            original.TryGetNextBatch(out _);
        var state = original.GetState();
        var expected = Inputs(original).Concat(Inputs(original)).ToList();

        var restored = new NoisyDataProvider(EncodedData.Provider(seed: 10), new SaltAndPepperNoise(0.5), seed: 20);
        restored.SetState(state);

        Assert.Equal(3, restored.CurrentBatch);
        Assert.Equal(expected, Inputs(restored).Concat(Inputs(restored)).ToList());
        Assert.NotNull(state.Source);
        Assert.Throws<ArgumentException>(() => restored.SetState(state.Source!));
        Assert.Throws<ArgumentException>(() => EncodedData.Provider().SetState(state));
    }

    [Fact]
    public void DecoratorReportsItsSourcesShapeAndResetsIt()
    {
        var source = EncodedData.Provider(numExamples: 50, batchSize: 10, maxNumBatches: 4, shuffleOrder: false);
        var noisy = new NoisyDataProvider(source, new MaskingNoise(0.1));

        Assert.Equal((10, 4, false, 3, 2, 50, 4), (noisy.BatchSize, noisy.MaxNumBatches, noisy.ShuffleOrder, noisy.InputDim, noisy.TargetDim, noisy.NumExamples, noisy.NumBatches));
        Assert.NotSame(source.Random, noisy.Random);
        noisy.TryGetNextBatch(out _);
        Assert.Equal(1, source.CurrentBatch);
        noisy.Reset();
        Assert.Equal(0, noisy.CurrentBatch);
        Assert.True(noisy.TryGetNextBatch(out var first));
        Assert.Equal(0, first.Indices[0]);
    }

    [Fact]
    public void ANoisyEpochAllocatesNothingAfterWarmUp()
    {
        var noisy = new NoisyDataProvider(EncodedData.Provider(numExamples: 200, batchSize: 20, inputDim: 30), new GaussianNoise(0.1));
        InMemoryDataProviderTests.Sum(noisy);

        Allocations.AssertNone(() => InMemoryDataProviderTests.Sum(noisy));
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => new NoisyDataProvider(null!, new MaskingNoise(0.1))).ParamName);
        Assert.Equal("noise", Assert.Throws<ArgumentNullException>(() => new NoisyDataProvider(EncodedData.Provider(), null!)).ParamName);
    }

    private static ReadOnlySpan<byte> Bits(ReadOnlySpan<float> values) => MemoryMarshal.AsBytes(values);

    private static List<float[]> Inputs(DataProvider provider)
    {
        var batches = new List<float[]>();
        foreach (var batch in provider)
            batches.Add(batch.Inputs.ToArray());
        return batches;
    }
}
