using Mlp.Data;
using Mlp.LearningRules;

namespace Mlp.Training;

/// <summary>
/// Everything a training run needs to continue exactly where it stopped: the parameters, the model's state (BatchNorm's
/// running statistics), the learning rule's state, the number of epochs completed, the model's random generator
/// (dropout masks) and the training data provider's order, position and generator. Restoring it into an <see cref="Optimiser"/> over the same architecture and data
/// and training on gives bit-for-bit the result of the uninterrupted run.
/// </summary>
public sealed class TrainingCheckpoint
{
    private readonly float[] _parameters;
    private readonly float[] _state;

    /// <summary>Creates a checkpoint from its parts (see <see cref="Optimiser.CreateCheckpoint"/>); the parameters and state are copied.</summary>
    /// <param name="architecture">The model's <see cref="IModel.Architecture"/>; a restore into another architecture is refused.</param>
    /// <param name="epochsCompleted">The training epochs completed, at least 0.</param>
    /// <param name="parameters">The model's <see cref="IModel.AllValues"/>.</param>
    /// <param name="modelRandom">The state of the model's <see cref="IModel.Random"/>.</param>
    /// <param name="learningRule">The learning rule's state.</param>
    /// <param name="trainData">The training data provider's state.</param>
    /// <param name="state">The model's <see cref="IModel.AllState"/> (BatchNorm's running statistics); empty for models without any.</param>
    public TrainingCheckpoint(string architecture, int epochsCompleted, ReadOnlySpan<float> parameters, RandomGeneratorState modelRandom,
        LearningRuleState learningRule, DataProviderState trainData, ReadOnlySpan<float> state = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(architecture);
        ArgumentOutOfRangeException.ThrowIfNegative(epochsCompleted);
        ArgumentNullException.ThrowIfNull(learningRule);
        ArgumentNullException.ThrowIfNull(trainData);
        Architecture = architecture;
        EpochsCompleted = epochsCompleted;
        _parameters = parameters.ToArray();
        _state = state.ToArray();
        ModelRandom = modelRandom;
        LearningRule = learningRule;
        TrainData = trainData;
    }

    /// <summary>The architecture of the model the checkpoint was taken from.</summary>
    public string Architecture { get; }

    /// <summary>The training epochs completed when the checkpoint was taken.</summary>
    public int EpochsCompleted { get; }

    /// <summary>The model's parameter values, in <see cref="IModel.AllValues"/> order.</summary>
    public ReadOnlySpan<float> Parameters => _parameters;

    /// <summary>The model's state that is not trained, in <see cref="IModel.AllState"/> order: BatchNorm's running statistics.</summary>
    public ReadOnlySpan<float> State => _state;

    /// <summary>The state of the model's random generator.</summary>
    public RandomGeneratorState ModelRandom { get; }

    /// <summary>The learning rule's state (step count, learning rate, moment buffers).</summary>
    public LearningRuleState LearningRule { get; }

    /// <summary>The training data provider's order, position and generator (nested for decorators).</summary>
    public DataProviderState TrainData { get; }

    /// <summary>Saves the checkpoint to <paramref name="path"/> atomically (see <see cref="CheckpointFile"/>).</summary>
    public void Save(string path) => CheckpointFile.Save(this, path);

    /// <summary>Reads a checkpoint saved by <see cref="Save"/>.</summary>
    /// <remarks>
    /// To restore into an optimiser, <see cref="Optimiser.RestoreCheckpoint(string)"/> also checks the file's sizes
    /// against the optimiser's model, learning rule and data before reading them.
    /// </remarks>
    /// <exception cref="InvalidDataException">
    /// The file is not a valid checkpoint, is damaged (its SHA-256 manifest or zip CRC does not match), or the path is
    /// not a regular file; the message names the file and the problem.
    /// </exception>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    public static TrainingCheckpoint Load(string path) => CheckpointFile.Load(path);
}
