namespace Mlp.Sweeps.Cluster;

/// <summary>A sweep's bookkeeping, persisted in Redis.</summary>
[GenerateSerializer]
public sealed class SweepState
{
    /// <summary>The definition's JSON; null before submission.</summary>
    [Id(0)] public string? DefinitionJson { get; set; }

    /// <summary>Every trial's settings as JSON, by trial id, in the definition's order.</summary>
    [Id(1)] public List<KeyValuePair<string, string>> Trials { get; set; } = [];

    /// <summary>Finished trials' results as JSON, by trial id.</summary>
    [Id(2)] public Dictionary<string, string> Results { get; set; } = [];
}

/// <summary>A trial's progress and outcome, persisted in Redis.</summary>
[GenerateSerializer]
public sealed class TrialState
{
    /// <summary>The settings' JSON; null before the first start.</summary>
    [Id(0)] public string? SettingsJson { get; set; }

    /// <summary>The last checkpoint (<see cref="TrialCheckpoint.ToBytes"/>), or null.</summary>
    [Id(1)] public byte[]? Checkpoint { get; set; }

    /// <summary>The checkpoint's epoch.</summary>
    [Id(2)] public int EpochsCompleted { get; set; }

    /// <summary>The result's JSON once finished.</summary>
    [Id(3)] public string? ResultJson { get; set; }

    /// <summary>The trained model once finished (null when diverged).</summary>
    [Id(4)] public byte[]? Model { get; set; }

    /// <summary>Whether the sweep has recorded the result.</summary>
    [Id(5)] public bool Reported { get; set; }
}
