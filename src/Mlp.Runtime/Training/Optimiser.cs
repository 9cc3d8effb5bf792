using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Mlp.Data;
using Mlp.Errors;
using Mlp.Kernels;
using Mlp.LearningRules;
using Mlp.Penalties;
using Mlp.Schedulers;

namespace Mlp.Training;

/// <summary>
/// Trains a model as the course's <c>mlp.optimisers.Optimiser</c>: each epoch runs one training pass over the
/// training data (forward, error gradient, backward, optional penalty, learning-rule update per batch), and every
/// <c>statsInterval</c> epochs evaluates the error and the monitors on the full training and validation sets.
/// </summary>
/// <remarks>
/// A training step allocates nothing. After every update the parameters are checked to be finite: a diverging run
/// stops with a <see cref="TrainingDivergedException"/> naming the epoch, the batch and the parameter.
/// </remarks>
public sealed class Optimiser
{
    private readonly IMonitor[] _monitors;
    private readonly ILogger _logger;
    private float[] _gradsWrtOutputs = [];
    private int _evaluationBatchSize = 1000;
    private int _checkpointInterval;
    private float[]? _bestValues;
    private float[]? _bestState;

    /// <summary>Binds the learning rule to the model (<see cref="LearningRule.Initialise"/>) and prepares training.</summary>
    /// <param name="model">The model to train.</param>
    /// <param name="error">The error minimised.</param>
    /// <param name="learningRule">The update rule; it is initialised on <paramref name="model"/> here.</param>
    /// <param name="trainData">The training data, iterated once per epoch.</param>
    /// <param name="validData">Validation data for the statistics, or null.</param>
    /// <param name="monitors">Further statistics beside the error, e.g. <see cref="ClassificationAccuracy"/>.</param>
    /// <param name="logger">Receives a line per statistics epoch; none by default.</param>
    public Optimiser(IModel model, IError error, LearningRule learningRule, DataProvider trainData, DataProvider? validData = null,
        IEnumerable<IMonitor>? monitors = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(learningRule);
        ArgumentNullException.ThrowIfNull(trainData);
        CheckDimensions(model, trainData, nameof(trainData));
        if (validData is not null)
            CheckDimensions(model, validData, nameof(validData));
        Model = model;
        Error = error;
        LearningRule = learningRule;
        TrainData = trainData;
        ValidData = validData;
        _monitors = monitors?.ToArray() ?? [];
        if (_monitors.Any(m => m is null))
            throw new ArgumentException("A monitor is null.", nameof(monitors));
        if (_monitors.Select(m => m.Name).Append("error").GroupBy(n => n).Any(g => g.Count() > 1))
            throw new ArgumentException("Monitor names must be distinct and not 'error'.", nameof(monitors));
        _logger = logger ?? NullLogger.Instance;
        learningRule.Initialise(model);
    }

    /// <summary>The model being trained.</summary>
    public IModel Model { get; }

    /// <summary>The error minimised.</summary>
    public IError Error { get; }

    /// <summary>The update rule.</summary>
    public LearningRule LearningRule { get; }

    /// <summary>The training data.</summary>
    public DataProvider TrainData { get; }

    /// <summary>The validation data, or null.</summary>
    public DataProvider? ValidData { get; }

    /// <summary>The monitors evaluated beside the error.</summary>
    public IReadOnlyList<IMonitor> Monitors => _monitors;

    /// <summary>A penalty on the weights, added to the error statistics and to the gradients of every step; none by default.</summary>
    public Penalty? Penalty { get; set; }

    /// <summary>Sets the learning rate at the start of every epoch; none by default (the rate stays as set).</summary>
    public ILearningRateScheduler? Scheduler { get; set; }

    /// <summary>Receives a report after every epoch, e.g. for a progress bar.</summary>
    public IProgress<TrainingProgress>? Progress { get; set; }

    /// <summary>The number of training epochs completed over this optimiser's life; the next epoch is this plus one.</summary>
    public int EpochsCompleted { get; private set; }

    /// <summary>
    /// When set with <see cref="CheckpointInterval"/>, a checkpoint is saved into this folder every that many epochs,
    /// as <c>checkpoint-epoch-NNNN.zip</c> (see <see cref="TrainingCheckpoint"/>).
    /// </summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>Save a checkpoint every this many epochs into <see cref="CheckpointFolder"/>; 0 (the default) saves none.</summary>
    public int CheckpointInterval
    {
        get => _checkpointInterval;
        set => _checkpointInterval = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), value, "The checkpoint interval cannot be negative.");
    }

    /// <summary>
    /// Keep a copy of the parameters with the lowest validation error seen at a statistics epoch (needs
    /// <see cref="ValidData"/>); <see cref="RestoreBestModel"/> puts them back, e.g. after the run has overfitted.
    /// </summary>
    public bool KeepBestModel { get; set; }

    /// <summary>When set with <see cref="KeepBestModel"/>, the best model is also saved there (safetensors) each time it improves.</summary>
    public string? BestModelPath { get; set; }

    /// <summary>The statistics epoch with the lowest validation error so far, or null before any (see <see cref="KeepBestModel"/>).</summary>
    public int? BestEpoch { get; private set; }

    /// <summary>The lowest validation error seen at a statistics epoch, or null before any.</summary>
    public double? BestValidError { get; private set; }

    /// <summary>How many examples are evaluated per forward pass when taking statistics (default 1,000).</summary>
    public int EvaluationBatchSize
    {
        get => _evaluationBatchSize;
        set => _evaluationBatchSize = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(EvaluationBatchSize), value, "The evaluation batch size must be at least 1.");
    }

    /// <summary>
    /// Trains for <paramref name="numEpochs"/> more epochs, taking statistics before the first epoch of the
    /// optimiser's life (epoch 0) and after every epoch divisible by <paramref name="statsInterval"/>.
    /// </summary>
    /// <returns>The statistics rows and every epoch's training time.</returns>
    /// <exception cref="TrainingDivergedException">A parameter or an error became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled between epochs.</exception>
    public RunStatistics Train(int numEpochs, int statsInterval = 5, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(statsInterval);
        if (KeepBestModel && ValidData is null)
            throw new InvalidOperationException("KeepBestModel needs validation data to judge the best model by.");
        if (CheckpointInterval > 0 && string.IsNullOrEmpty(CheckpointFolder))
            throw new InvalidOperationException("CheckpointInterval is set but CheckpointFolder is not.");
        if (CheckpointInterval > 0 && numEpochs > 0)
            CheckFolderWritable(CheckpointFolder!);
        var clock = Stopwatch.StartNew();
        var rows = new List<EpochStatistics>();
        var seconds = new List<double>(numEpochs);
        if (EpochsCompleted == 0)
        {
            rows.Add(TakeStatistics());
            TrackBest(rows[^1]);
        }
        int lastEpoch = EpochsCompleted + numEpochs;
        while (EpochsCompleted < lastEpoch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int epoch = EpochsCompleted + 1;
            long start = Stopwatch.GetTimestamp();
            DoTrainingEpoch();
            double epochSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            seconds.Add(epochSeconds);
            EpochStatistics? statistics = null;
            if (epoch % statsInterval == 0)
            {
                statistics = TakeStatistics();
                rows.Add(statistics);
                LogStatistics(statistics, epochSeconds);
                TrackBest(statistics);
            }
            if (CheckpointInterval > 0 && epoch % CheckpointInterval == 0)
                CreateCheckpoint().Save(Path.Combine(CheckpointFolder!, $"checkpoint-epoch-{epoch:D4}.zip"));
            Progress?.Report(new TrainingProgress(epoch, lastEpoch, epochSeconds, statistics));
        }
        return new RunStatistics(StatisticKeys(), rows, seconds, clock.Elapsed);
    }

    /// <summary>Runs one training pass over <see cref="TrainData"/>, updating the parameters after every batch.</summary>
    /// <exception cref="TrainingDivergedException">A parameter became NaN or infinite.</exception>
    public void DoTrainingEpoch()
    {
        int epoch = EpochsCompleted + 1;
        Scheduler?.UpdateLearningRule(LearningRule, epoch - 1);
        int batchIndex = 0;
        foreach (DataBatch batch in TrainData)
        {
            ReadOnlySpan<float> outputs = Model.Forward(batch.Inputs, batch.Size, training: true);
            Span<float> gradsWrtOutputs = GradientBuffer(outputs.Length);
            Error.Gradient(outputs, batch.Targets, gradsWrtOutputs, batch.Size);
            Model.Backward(gradsWrtOutputs);
            Penalty?.AddGradients(Model);
            LearningRule.UpdateParameters();
            if (!LearningRule.UpdatedValuesFinite || !FrozenValuesFinite())
                throw Diverged(epoch, batchIndex);
            batchIndex++;
        }
        EpochsCompleted = epoch;
    }

    /// <summary>
    /// The error (plus any penalty) and each monitor over the whole of <paramref name="data"/>, in its original order,
    /// without training: keys <c>error</c> and each monitor's name.
    /// </summary>
    public IReadOnlyDictionary<string, double> Evaluate(DataProvider data)
    {
        ArgumentNullException.ThrowIfNull(data);
        CheckDimensions(Model, data, nameof(data));
        int n = data.NumExamples;
        ReadOnlySpan<float> inputs = data.AllInputs, targets = data.AllTargets;
        double errorSum = 0;
        var monitorSums = new double[_monitors.Length];
        for (int start = 0; start < n; start += _evaluationBatchSize)
        {
            int size = Math.Min(_evaluationBatchSize, n - start);
            ReadOnlySpan<float> outputs = Model.Forward(inputs.Slice(start * Model.InputDim, size * Model.InputDim), size);
            ReadOnlySpan<float> chunkTargets = targets.Slice(start * data.TargetDim, size * data.TargetDim);
            errorSum += Error.Sum(outputs, chunkTargets, size);
            for (int m = 0; m < _monitors.Length; m++)
                monitorSums[m] += _monitors[m].Sum(outputs, chunkTargets, size);
        }
        var values = new Dictionary<string, double> { ["error"] = errorSum / n + (Penalty?.Value(Model) ?? 0) };
        for (int m = 0; m < _monitors.Length; m++)
            values[_monitors[m].Name] = monitorSums[m] / n;
        return values;
    }

    /// <summary>Captures the run's full state so that <see cref="RestoreCheckpoint(TrainingCheckpoint)"/> can continue it exactly.</summary>
    public TrainingCheckpoint CreateCheckpoint() => new(Model.Architecture, EpochsCompleted, Model.AllValues, Model.Random.State,
        LearningRule.SaveState(), TrainData.GetState(), Model.AllState);

    /// <summary>
    /// Continues from <paramref name="checkpoint"/>: parameters, the model's state (BatchNorm's running statistics),
    /// learning-rule state, epochs completed, the model's generator and the training data's order and position. Training on then reproduces the original run exactly.
    /// Every part is checked before any is changed, so a checkpoint that does not fit changes nothing.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The checkpoint is of another architecture, learning rule or data set, or holds an impossible generator state;
    /// nothing is changed.
    /// </exception>
    public void RestoreCheckpoint(TrainingCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Architecture != Model.Architecture || checkpoint.Parameters.Length != Model.AllValues.Length)
            throw new ArgumentException($"The checkpoint is of a model '{checkpoint.Architecture}' with {checkpoint.Parameters.Length} parameters, " +
                $"not '{Model.Architecture}' with {Model.AllValues.Length}.", nameof(checkpoint));
        if (checkpoint.State.Length != Model.AllState.Length)
            throw new ArgumentException($"The checkpoint holds {checkpoint.State.Length} state values (running statistics) but the model " +
                $"'{Model.Architecture}' keeps {Model.AllState.Length}.", nameof(checkpoint));
        RandomGenerator.CheckState(checkpoint.ModelRandom, nameof(checkpoint));
        LearningRule.CheckState(checkpoint.LearningRule);
        // The data provider checks its state before changing anything (DataProvider.SetState's contract), and it is
        // the last step that can fail: everything after it is a copy of values already checked.
        TrainData.SetState(checkpoint.TrainData);
        LearningRule.RestoreState(checkpoint.LearningRule);
        checkpoint.Parameters.CopyTo(Model.AllValues);
        checkpoint.State.CopyTo(Model.AllState);
        Model.Random.State = checkpoint.ModelRandom;
        EpochsCompleted = checkpoint.EpochsCompleted;
    }

    /// <summary>
    /// Loads the checkpoint file at <paramref name="path"/> and continues from it (see
    /// <see cref="RestoreCheckpoint(TrainingCheckpoint)"/>). The file's sizes are checked against this optimiser's
    /// model, learning rule and data before anything is read, so a damaged or forged file costs no more memory than
    /// the run already holds.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is damaged, not a checkpoint, or of another size of run; nothing is changed.</exception>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    /// <exception cref="ArgumentException">The checkpoint is of another architecture or learning rule; nothing is changed.</exception>
    public void RestoreCheckpoint(string path) =>
        RestoreCheckpoint(CheckpointFile.Load(path, CheckpointExpectation.Of(this)));

    /// <summary>Puts back the parameters and state of the best statistics epoch (see <see cref="KeepBestModel"/>).</summary>
    /// <exception cref="InvalidOperationException">No best model has been kept.</exception>
    public void RestoreBestModel()
    {
        if (_bestValues is null)
            throw new InvalidOperationException("No best model has been kept: set KeepBestModel before training, with validation data.");
        _bestValues.CopyTo(Model.AllValues);
        _bestState!.CopyTo(Model.AllState);
    }

    private void TrackBest(EpochStatistics statistics)
    {
        if (!KeepBestModel || statistics["error(valid)"] >= (BestValidError ?? double.PositiveInfinity))
            return;
        _bestValues ??= new float[Model.AllValues.Length];
        _bestState ??= new float[Model.AllState.Length];
        Model.AllValues.CopyTo(_bestValues);
        Model.AllState.CopyTo(_bestState);
        BestEpoch = statistics.Epoch;
        BestValidError = statistics["error(valid)"];
        if (!string.IsNullOrEmpty(BestModelPath))
            Serialization.SafeTensorsSerializer.Save(Model, BestModelPath);
    }

    private EpochStatistics TakeStatistics()
    {
        var values = new Dictionary<string, double>();
        AddEvaluation(values, TrainData, "(train)");
        if (ValidData is not null)
            AddEvaluation(values, ValidData, "(valid)");
        foreach ((string key, double value) in values)
        {
            if (!double.IsFinite(value))
                throw new TrainingDivergedException(EpochsCompleted, null,
                    $"Training diverged by epoch {EpochsCompleted}: {key} is {value}. Try a smaller learning rate.");
        }
        return new EpochStatistics(EpochsCompleted, values);
    }

    private void AddEvaluation(Dictionary<string, double> values, DataProvider data, string label)
    {
        foreach ((string key, double value) in Evaluate(data))
            values[key + label] = value;
    }

    private List<string> StatisticKeys()
    {
        var keys = new List<string>();
        foreach (string label in ValidData is null ? ["(train)"] : new[] { "(train)", "(valid)" })
        {
            keys.Add("error" + label);
            keys.AddRange(_monitors.Select(m => m.Name + label));
        }
        return keys;
    }

    private void LogStatistics(EpochStatistics statistics, double epochSeconds)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
            return;
        string values = string.Join(", ", statistics.Values.Select(kv => $"{kv.Key}={kv.Value:G6}"));
        _logger.LogInformation("Epoch {Epoch}: {Seconds:F2}s to complete; {Statistics}", statistics.Epoch, epochSeconds, values);
    }

    private Span<float> GradientBuffer(int length)
    {
        if (_gradsWrtOutputs.Length < length)
            _gradsWrtOutputs = new float[length];
        return _gradsWrtOutputs.AsSpan(0, length);
    }

    private TrainingDivergedException Diverged(int epoch, int batch)
    {
        ReadOnlySpan<float> values = Model.AllValues;
        int index = 0;
        while (index < values.Length && float.IsFinite(values[index]))
            index++;
        Parameter parameter = Model.Parameters.First(p => index >= p.Offset && index < p.Offset + p.Length);
        return new TrainingDivergedException(epoch, batch,
            $"Training diverged in epoch {epoch}, batch {batch}: {parameter.Name}[{index - parameter.Offset}] became {values[index]} " +
            $"after the {LearningRule.GetType().Name} update (learning rate {LearningRule.LearningRate}). Try a smaller learning rate.");
    }

    // The learning rule checks the values it writes (LearningRule.UpdatedValuesFinite); frozen ones are checked here.
    private bool FrozenValuesFinite()
    {
        IReadOnlyList<Parameter> parameters = Model.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].IsFrozen && !FiniteCheck.All(parameters[i].Values))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Throws unless <paramref name="folder"/> exists and a file can be created in it: found before the first epoch,
    /// not after it has trained.
    /// </summary>
    private static void CheckFolderWritable(string folder)
    {
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"The checkpoint folder {full} does not exist; create it before training.");
        string probe = Path.Combine(full, $".mlp-write-check.{Environment.ProcessId}-{Environment.CurrentManagedThreadId}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The checkpoint folder {full} is not writable: {e.Message}", e);
        }
    }

    private static void CheckDimensions(IModel model, DataProvider data, string argument)
    {
        if (data.InputDim != model.InputDim)
            throw new ArgumentException($"The data has {data.InputDim} input features but the model takes {model.InputDim}.", argument);
        if (data.TargetDim != model.OutputDim)
            throw new ArgumentException($"The data has {data.TargetDim} target values per example but the model outputs {model.OutputDim}.", argument);
    }
}
