namespace Mlp.Training;

/// <summary>
/// The sizes a checkpoint must have to be restored into a given optimiser, checked before anything is read, so a
/// damaged or forged file never makes the loader allocate more than the run being restored already holds.
/// </summary>
/// <param name="ParameterCount">The model's parameter count.</param>
/// <param name="StateCount">The model's state values (BatchNorm's running statistics).</param>
/// <param name="BufferCount">The learning rule's state buffers.</param>
/// <param name="OrderLengths">The training data's order length at each level (0 the provider, 1 its source, …).</param>
internal sealed record CheckpointExpectation(int ParameterCount, int StateCount, int BufferCount, int[] OrderLengths)
{
    public static CheckpointExpectation Of(Optimiser optimiser)
    {
        var lengths = new List<int>();
        for (Data.DataProviderState? level = optimiser.TrainData.GetState(); level is not null; level = level.Source)
            lengths.Add(level.Order.Length);
        return new CheckpointExpectation(optimiser.Model.AllValues.Length, optimiser.Model.AllState.Length, optimiser.LearningRule.SaveState().Buffers.Count, [.. lengths]);
    }
}
