using System.Diagnostics;
using Mlp.Data;
using Mlp.Errors;
using Mlp.Serialization;
using Mlp.Training;

namespace Mlp.Sweeps;

/// <summary>
/// Trains one trial: builds its model from the registry and its providers over the shared <see cref="SweepData"/>,
/// restores its last checkpoint if there is one, then trains epoch by epoch, taking statistics and saving a checkpoint
/// after each. Everything random is seeded from the trial's settings, so a trial gives the same numbers bit for bit
/// wherever and however often it is interrupted and resumed. A diverged trial is a result, not an error.
/// </summary>
/// <param name="registry">The models trials may name.</param>
/// <param name="data">The data sets, shared by every trial of the process.</param>
public sealed class TrialTrainer(ModelRegistry registry, SweepData data)
{
    /// <summary>The key of a trial's statistics on the fixed corrupted validation inputs (clean targets).</summary>
    public const string NoisyValidSet = "valid_noisy";

    /// <summary>Runs the trial to its end.</summary>
    /// <param name="settings">The trial.</param>
    /// <param name="host">Where it runs, for the result.</param>
    /// <param name="checkpoints">Where checkpoints are kept, or null for none.</param>
    /// <param name="progress">Called after every epoch, on the training thread.</param>
    /// <param name="cancellationToken">Stops the trial between epochs (its last checkpoint stays).</param>
    /// <exception cref="SweepDefinitionException">The settings are invalid.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public TrialOutcome Run(TrialSettings settings, string host, ITrialCheckpoints? checkpoints = null, Action<TrialEpoch>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RegisteredModel entry = settings.Validate(registry);
        var clock = Stopwatch.StartNew();
        string id = settings.Id;
        (int modelSeed, int batchSeed, int noiseSeed) = settings.Seeds;

        IModel model = entry.Create(modelSeed);
        Freeze(model, settings.FrozenLayers);
        bool classifier = entry.Task == ModelTask.Classifier;
        (int trainCount, int validCount) = data.Counts(settings);
        DataProvider train = Provider(data.Train, data.Train.Inputs, trainCount, classifier, settings.BatchSize, settings.MaxBatches, shuffle: true, batchSeed);
        DataProvider valid = Provider(data.Valid, data.Valid.Inputs, validCount, classifier, settings.BatchSize, null, shuffle: false, batchSeed);
        IInputNoise? noise = NoiseNames.Create(settings.Noise, settings.NoiseLevel);
        DataProvider? noisyValid = null;
        if (noise is not null)
        {
            train = new NoisyDataProvider(train, noise, noiseSeed);
            noisyValid = Provider(data.Valid, data.CorruptedValid(settings.Noise, settings.NoiseLevel, validCount), validCount, classifier,
                settings.BatchSize, null, shuffle: false, batchSeed);
        }
        IError error = classifier ? new CrossEntropySoftmaxError() : new SumOfSquaredDiffsError();
        var optimiser = new Optimiser(model, error, LearningRuleNames.Create(settings.Rule, settings.LearningRate), train, valid,
            monitors: classifier ? [new ClassificationAccuracy()] : null);

        var rows = new List<EpochRow>();
        double priorSeconds = 0;
        int resumedFrom = 0;
        TrialCheckpoint? checkpoint = checkpoints?.Load(id);
        if (checkpoint is not null && checkpoint.EpochsCompleted <= settings.Epochs)
        {
            optimiser.RestoreCheckpoint(checkpoint.Training);
            rows.AddRange(checkpoint.Rows);
            priorSeconds = checkpoint.Seconds;
            resumedFrom = checkpoint.EpochsCompleted;
        }

        Divergence? divergence = null;
        try
        {
            while (optimiser.EpochsCompleted < settings.Epochs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Epoch 0's statistics are taken inside Train, before the first update: measure the noisy set at the same point.
                IReadOnlyDictionary<string, double>? before = optimiser.EpochsCompleted == 0 ? Evaluate(optimiser, noisyValid) : null;
                RunStatistics statistics = optimiser.Train(1, statsInterval: 1, cancellationToken);
                IReadOnlyDictionary<string, double> after = Evaluate(optimiser, noisyValid);
                foreach (EpochStatistics row in statistics.Rows)
                {
                    var values = new Dictionary<string, double>(row.Values);
                    foreach (var (key, value) in row.Epoch == 0 ? before! : after)
                        values[key] = value;
                    rows.Add(new EpochRow(row.Epoch, row.Epoch == 0 ? null : statistics.EpochSeconds[0], values));
                }
                checkpoints?.Save(new TrialCheckpoint(id, [.. rows], priorSeconds + clock.Elapsed.TotalSeconds, optimiser.CreateCheckpoint()));
                progress?.Invoke(new TrialEpoch(id, settings.Epochs, rows[^1]));
            }
        }
        catch (TrainingDivergedException e)
        {
            divergence = new Divergence(e.Epoch, e.Batch, e.Message);
        }

        byte[]? modelBytes = null;
        if (divergence is null)
        {
            using var stream = new MemoryStream();
            model.Save(stream);
            modelBytes = stream.ToArray();
        }
        var result = new TrialResult
        {
            Settings = settings,
            Id = id,
            Status = divergence is null ? TrialStatus.Completed : TrialStatus.Diverged,
            RankingKey = noise is null ? "error(valid)" : $"error({NoisyValidSet})",
            Epochs = rows,
            Seconds = priorSeconds + clock.Elapsed.TotalSeconds,
            Host = host,
            ResumedFromEpoch = resumedFrom,
            Divergence = divergence,
            ModelFile = divergence is null ? $"{id}.safetensors" : null,
        };
        return new TrialOutcome(result, modelBytes);
    }

    /// <summary>Where this process runs trials: <c>host/pid</c>.</summary>
    public static string LocalHost => $"{Environment.MachineName}/{Environment.ProcessId}";

    private static DataProvider Provider(MnistData set, ReadOnlyMemory<float> inputs, int count, bool classifier, int batchSize, int? maxBatches, bool shuffle, long seed)
    {
        ReadOnlyMemory<float> images = inputs[..(count * MnistData.ImageSize)];
        ReadOnlyMemory<float> targets = classifier ? set.Targets[..(count * MnistData.NumClasses)] : set.Inputs[..(count * MnistData.ImageSize)];
        return new InMemoryDataProvider(images, targets, set.Labels[..count], MnistData.ImageSize, classifier ? MnistData.NumClasses : MnistData.ImageSize,
            Math.Min(batchSize, count), maxBatches ?? -1, shuffle, seed);
    }

    private static void Freeze(IModel model, int frozenLayers)
    {
        foreach (LayerInfo layer in model.Layers.Where(l => l.Kind == LayerKind.Affine).Take(frozenLayers))
            foreach (Parameter parameter in model.Parameters.Where(p => p.Name.StartsWith($"layer{layer.Index}.", StringComparison.Ordinal)))
                parameter.IsFrozen = true;
    }

    private static IReadOnlyDictionary<string, double> Evaluate(Optimiser optimiser, DataProvider? noisyValid) =>
        noisyValid is null
            ? new Dictionary<string, double>()
            : optimiser.Evaluate(noisyValid).ToDictionary(kv => $"{kv.Key}({NoisyValidSet})", kv => kv.Value);
}
