using Mlp.Data;

namespace Mlp.Tests.Data;

public class AugmentedDataProviderTests
{
    [Fact]
    public void TransformChangesACopyOfEachBatchWithTheProvidersGenerator()
    {
        float[] inputs = EncodedData.Inputs(40, 3), original = (float[])inputs.Clone();
        var source = new InMemoryDataProvider(inputs, EncodedData.Targets(40, 2), 3, 2, batchSize: 8, seed: 4);
        // Shift each row by its own uniform draw in [0, 1).
        var augmented = new AugmentedDataProvider(source, static (batch, random) =>
        {
            for (int r = 0; r < batch.Length / 3; r++)
            {
                float shift = random.NextSingle();
                for (int c = 0; c < 3; c++)
                    batch[r * 3 + c] += shift;
            }
        }, seed: 77);
        var expectedDraws = new RandomGenerator(77);

        for (int epoch = 0; epoch < 2; epoch++)
        {
            foreach (var batch in augmented)
            {
                for (int r = 0; r < batch.Size; r++)
                {
                    float shift = expectedDraws.NextSingle();
                    int id = batch.Indices[r];
                    for (int c = 0; c < 3; c++)
                        Assert.Equal(EncodedData.Input(id, c) + shift, batch.Inputs[r * 3 + c]);
                    Assert.Equal(EncodedData.Target(id, 1), batch.Targets[r * 2 + 1]);
                }
            }
        }

        Assert.Equal(original, inputs);
        Assert.Equal(original, augmented.AllInputs.ToArray());
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        Assert.Equal("source", Assert.Throws<ArgumentNullException>(() => new AugmentedDataProvider(null!, (_, _) => { })).ParamName);
        Assert.Equal("transform", Assert.Throws<ArgumentNullException>(() => new AugmentedDataProvider(EncodedData.Provider(), null!)).ParamName);
    }
}
