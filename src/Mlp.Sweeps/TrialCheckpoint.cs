using System.IO.Compression;
using System.Text;
using Mlp.Training;

namespace Mlp.Sweeps;

/// <summary>
/// Where a trial stood after its last completed epoch: the statistics rows so far, the wall-clock seconds spent, and
/// the optimiser's <see cref="TrainingCheckpoint"/> (parameters, learning-rule state, generators, data order), from
/// which training continues bit for bit. Kept as bytes (a zip of <c>trial.json</c> and <c>training.zip</c>) so a
/// file or a grain's state can hold it alike.
/// </summary>
/// <param name="TrialId">The trial it belongs to.</param>
/// <param name="Rows">The statistics rows up to <see cref="Training"/>'s epoch.</param>
/// <param name="Seconds">Wall-clock seconds spent on the trial so far.</param>
/// <param name="Training">The optimiser's checkpoint.</param>
public sealed record TrialCheckpoint(string TrialId, IReadOnlyList<EpochRow> Rows, double Seconds, TrainingCheckpoint Training)
{
    private sealed record Header(string TrialId, IReadOnlyList<EpochRow> Rows, double Seconds);

    /// <summary>The epochs completed.</summary>
    public int EpochsCompleted => Training.EpochsCompleted;

    /// <summary>The checkpoint as bytes.</summary>
    public byte[] ToBytes()
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (Stream header = archive.CreateEntry("trial.json", CompressionLevel.Fastest).Open())
                header.Write(Encoding.UTF8.GetBytes(SweepJson.Write(new Header(TrialId, Rows, Seconds))));
            using Stream training = archive.CreateEntry("training.zip", CompressionLevel.NoCompression).Open();
            CheckpointFile.Save(Training, training);
        }
        return memory.ToArray();
    }

    /// <summary>Reads a checkpoint written by <see cref="ToBytes"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a trial checkpoint.</exception>
    public static TrialCheckpoint FromBytes(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            using var archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            ZipArchiveEntry headerEntry = archive.GetEntry("trial.json") ?? throw new InvalidDataException($"{source}: trial.json is missing.");
            ZipArchiveEntry trainingEntry = archive.GetEntry("training.zip") ?? throw new InvalidDataException($"{source}: training.zip is missing.");
            string json;
            using (var reader = new StreamReader(headerEntry.Open(), Encoding.UTF8))
                json = reader.ReadToEnd();
            Header header = SweepJson.Read<Header>(json, source);
            using var training = new MemoryStream();
            using (Stream entry = trainingEntry.Open())
                entry.CopyTo(training);
            training.Position = 0;
            return new TrialCheckpoint(header.TrialId, header.Rows, header.Seconds, CheckpointFile.Load(training, source));
        }
        catch (Exception e) when (e is IOException or InvalidDataException && !e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: not a valid trial checkpoint: {e.Message}", e);
        }
    }
}
