using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mlp.Sweeps;

/// <summary>
/// One training run of a sweep: the model (a name in the <see cref="ModelRegistry"/>), its hyper-parameters and its
/// seed. Two trials with the same settings are the same trial: <see cref="Id"/> is a hash of the settings, so a
/// restarted sweep finds its finished and checkpointed trials by it.
/// </summary>
public sealed record TrialSettings
{
    /// <summary>The registered model's name.</summary>
    public required string Model { get; init; }

    /// <summary>The learning rule (<see cref="LearningRuleNames"/>): <c>sgd</c>, <c>momentum</c>, <c>nesterov</c>, <c>adam</c>, <c>adagrad</c>, <c>rmsprop</c>.</summary>
    public string Rule { get; init; } = LearningRuleNames.Adam;

    /// <summary>The learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Examples per mini-batch.</summary>
    public int BatchSize { get; init; } = 50;

    /// <summary>Training epochs.</summary>
    public int Epochs { get; init; } = 25;

    /// <summary>
    /// At most this many batches per epoch, or null for all. As in the notebook's <c>--max-batches</c>, the data is also
    /// cut to the first <c>MaxBatches × BatchSize</c> training and as many validation images, so statistics stay as quick.
    /// </summary>
    public int? MaxBatches { get; init; }

    /// <summary>The corruption of the training inputs (<see cref="NoiseNames"/>): <c>none</c>, <c>masking</c>, <c>gaussian</c>, <c>salt-and-pepper</c>.</summary>
    public string Noise { get; init; } = NoiseNames.None;

    /// <summary>The corruption probability, or the Gaussian noise's standard deviation; 0 without noise.</summary>
    public double NoiseLevel { get; init; }

    /// <summary>How many of the model's first Affine layers are frozen (not updated); 0 trains every layer.</summary>
    public int FrozenLayers { get; init; }

    /// <summary>
    /// The seed: the model's initial weights draw from it, the batch order from <c>Seed + 1</c> and the input noise
    /// from <c>Seed + 2</c> (the notebook's scheme, so the notebook's exercise seeds reproduce its runs).
    /// </summary>
    public int Seed { get; init; } = 123;

    /// <summary>The settings as one canonical line, e.g. <c>model=ex3 rule=adam lr=0.001 …</c>: the source of <see cref="Id"/>.</summary>
    public string Canonical => string.Join(" ", SweepParameters.All.Select(p => $"{p.Name}={p.Format(this)}"));

    /// <summary>The trial's identity: the first 12 hex digits of the SHA-256 of <see cref="Canonical"/>.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical)))[..12];

    /// <summary>The model seed, the batch-order seed and the noise seed (sums wrap around).</summary>
    public (int Model, int Batches, int Noise) Seeds => unchecked((Seed, Seed + 1, Seed + 2));

    /// <summary>Checks every value against <paramref name="registry"/> and the ranges; returns the model's entry.</summary>
    /// <exception cref="SweepDefinitionException">A value is unknown or out of range; the message names the parameter.</exception>
    public RegisteredModel Validate(ModelRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        RegisteredModel model = registry.Get(Model);
        if (!LearningRuleNames.All.Contains(Rule))
            throw new SweepDefinitionException("rule", $"unknown learning rule '{Rule}'; expected one of {string.Join(", ", LearningRuleNames.All)}");
        if (!(LearningRate > 0 && LearningRate <= SweepLimits.MaxLearningRate))
            throw new SweepDefinitionException("lr", $"the learning rate must be greater than 0 and at most {Invariant(SweepLimits.MaxLearningRate)}, got {Invariant(LearningRate)}");
        if (BatchSize is < 1 or > SweepLimits.MaxBatchSize)
            throw new SweepDefinitionException("batch-size", $"must be from 1 to {SweepLimits.MaxBatchSize}, got {BatchSize}");
        if (Epochs is < 1 or > SweepLimits.MaxEpochs)
            throw new SweepDefinitionException("epochs", $"must be from 1 to {SweepLimits.MaxEpochs}, got {Epochs}");
        if (MaxBatches is < 1)
            throw new SweepDefinitionException("max-batches", $"must be at least 1, got {MaxBatches}");
        if (!NoiseNames.All.Contains(Noise))
            throw new SweepDefinitionException("noise", $"unknown noise scheme '{Noise}'; expected one of {string.Join(", ", NoiseNames.All)}");
        string? levelProblem = NoiseNames.CheckLevel(Noise, NoiseLevel);
        if (levelProblem is not null)
            throw new SweepDefinitionException("noise-level", levelProblem);
        int affineLayers = AffineLayerCount(model);
        if (FrozenLayers < 0 || FrozenLayers >= affineLayers)
            throw new SweepDefinitionException("freeze", $"model '{model.Name}' has {affineLayers} Affine layers, so from 0 to {affineLayers - 1} can be frozen, got {FrozenLayers}");
        return model;
    }

    private static int AffineLayerCount(RegisteredModel model) => model.Create(0).Layers.Count(l => l.Kind == LayerKind.Affine);

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>The bounds a sweep's values are checked against.</summary>
public static class SweepLimits
{
    /// <summary>The largest learning rate accepted (larger ones only ever diverge on these models).</summary>
    public const double MaxLearningRate = 10;

    /// <summary>The largest batch size: the course's training set holds 50,000 images.</summary>
    public const int MaxBatchSize = 50_000;

    /// <summary>The most epochs a trial may train.</summary>
    public const int MaxEpochs = 10_000;

    /// <summary>The most trials one sweep may hold.</summary>
    public const int MaxTrials = 10_000;
}
