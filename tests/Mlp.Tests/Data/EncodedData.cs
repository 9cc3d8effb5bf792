using Mlp.Data;

namespace Mlp.Tests.Data;

/// <summary>
/// Small data sets whose every value says which example and column it belongs to, so a test can tell from a batch
/// alone which examples it holds and whether their rows arrived whole and paired with the right targets.
/// </summary>
internal static class EncodedData
{
    public static float Input(int example, int column) => example * 1000 + column;

    public static float Target(int example, int column) => -(example * 1000 + column) - 0.5f;

    public static float[] Inputs(int numExamples, int inputDim) => Fill(numExamples, inputDim, Input);

    public static float[] Targets(int numExamples, int targetDim) => Fill(numExamples, targetDim, Target);

    public static InMemoryDataProvider Provider(int numExamples = 100, int batchSize = 10, int maxNumBatches = -1,
        bool shuffleOrder = true, long seed = 7, int inputDim = 3, int targetDim = 2) =>
        new(Inputs(numExamples, inputDim), Targets(numExamples, targetDim), inputDim, targetDim, batchSize, maxNumBatches, shuffleOrder, seed);

    /// <summary>The examples in <paramref name="batch"/>, after checking each row and its target row are intact.</summary>
    public static int[] ExampleIds(DataBatch batch)
    {
        int inputDim = batch.InputDim, targetDim = batch.TargetDim;
        var ids = new int[batch.Size];
        for (int r = 0; r < batch.Size; r++)
        {
            int id = (int)(batch.Inputs[r * inputDim] / 1000);
            for (int c = 0; c < inputDim; c++)
                Assert.Equal(Input(id, c), batch.Inputs[r * inputDim + c]);
            for (int c = 0; c < targetDim; c++)
                Assert.Equal(Target(id, c), batch.Targets[r * targetDim + c]);
            ids[r] = id;
        }
        return ids;
    }

    /// <summary>The examples of each batch of one <c>foreach</c> over <paramref name="provider"/>.</summary>
    public static List<int[]> Epoch(DataProvider provider)
    {
        var batches = new List<int[]>();
        foreach (var batch in provider)
            batches.Add(ExampleIds(batch));
        return batches;
    }

    private static float[] Fill(int numExamples, int dim, Func<int, int, float> value)
    {
        var data = new float[numExamples * dim];
        for (int i = 0; i < numExamples; i++)
            for (int c = 0; c < dim; c++)
                data[i * dim + c] = value(i, c);
        return data;
    }
}
