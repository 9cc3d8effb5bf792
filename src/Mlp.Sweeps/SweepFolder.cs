namespace Mlp.Sweeps;

/// <summary>
/// A sweep's folder: <c>trials/{id}.json</c> for each finished trial, <c>models/{id}.safetensors</c> for its trained
/// model, and <c>checkpoints/{id}.ckpt</c> for a trial under way. Every file is written atomically (a temporary file
/// renamed over the target), the model before the result, so a result on disk always has its model and a crash never
/// leaves half a file. Starting a sweep again over the same folder skips the trials with results and resumes the
/// others from their checkpoints.
/// </summary>
public sealed class SweepFolder : ITrialCheckpoints
{
    /// <summary>Opens (creating if needed) the sweep folder at <paramref name="path"/>.</summary>
    public SweepFolder(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(TrialsFolder);
        Directory.CreateDirectory(ModelsFolder);
        Directory.CreateDirectory(CheckpointsFolder);
    }

    /// <summary>The folder.</summary>
    public string Path { get; }

    /// <summary>Where results go.</summary>
    public string TrialsFolder => System.IO.Path.Combine(Path, "trials");

    /// <summary>Where trained models go.</summary>
    public string ModelsFolder => System.IO.Path.Combine(Path, "models");

    /// <summary>Where checkpoints of trials under way go.</summary>
    public string CheckpointsFolder => System.IO.Path.Combine(Path, "checkpoints");

    /// <summary>The result of trial <paramref name="trialId"/>, or null when it has not finished.</summary>
    /// <exception cref="InvalidDataException">The result file is damaged; the message names it.</exception>
    public TrialResult? FindResult(string trialId)
    {
        string file = ResultPath(trialId);
        return File.Exists(file) ? SweepJson.Read<TrialResult>(File.ReadAllText(file), file) : null;
    }

    /// <summary>Saves a finished trial: its model, then its result, then drops its checkpoint.</summary>
    public void Save(TrialOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        TrialResult result = outcome.Result;
        if (outcome.Model is not null && result.ModelFile is not null)
            AtomicFile.WriteAllBytes(System.IO.Path.Combine(ModelsFolder, result.ModelFile), outcome.Model);
        AtomicFile.WriteAllText(ResultPath(result.Id), SweepJson.Write(result));
        File.Delete(CheckpointPath(result.Id));
    }

    /// <inheritdoc />
    public TrialCheckpoint? Load(string trialId)
    {
        string file = CheckpointPath(trialId);
        return File.Exists(file) ? TrialCheckpoint.FromBytes(File.ReadAllBytes(file), file) : null;
    }

    /// <inheritdoc />
    public void Save(TrialCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        AtomicFile.WriteAllBytes(CheckpointPath(checkpoint.TrialId), checkpoint.ToBytes());
    }

    private string ResultPath(string trialId) => System.IO.Path.Combine(TrialsFolder, $"{CheckId(trialId)}.json");

    private string CheckpointPath(string trialId) => System.IO.Path.Combine(CheckpointsFolder, $"{CheckId(trialId)}.ckpt");

    // Ids are hex hashes; anything else (a path, "..") must never reach a file name.
    private static string CheckId(string trialId) =>
        trialId.Length is > 0 and <= 64 && trialId.All(char.IsAsciiHexDigitLower)
            ? trialId
            : throw new ArgumentException($"'{trialId}' is not a trial id.", nameof(trialId));
}
