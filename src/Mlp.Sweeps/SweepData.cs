using System.Collections.Concurrent;
using Mlp.Data;

namespace Mlp.Sweeps;

/// <summary>
/// The MNIST sets every trial of a process trains on, decoded once (the runtime caches each file per process) and
/// shared read-only: each trial gets its own providers over the same memory, so only their orders and batch buffers
/// are per trial. The fixed corrupted validation copies that denoising trials are judged on are made once per noise
/// setting and shared too.
/// </summary>
public sealed class SweepData
{
    /// <summary>The seed of the fixed corrupted validation copy (the notebook's exercise 3 uses the same).</summary>
    public const int CorruptedValidationSeed = 999;

    private readonly ConcurrentDictionary<(string Noise, double Level, int Count), Lazy<float[]>> _corrupted = new();

    private SweepData(MnistData train, MnistData valid)
    {
        Train = train;
        Valid = valid;
    }

    /// <summary>The course's 50,000 training images.</summary>
    public MnistData Train { get; }

    /// <summary>The course's 10,000 validation images.</summary>
    public MnistData Valid { get; }

    /// <summary>Loads (or takes from the process's cache) the sets in <paramref name="dataDirectory"/>, or where <see cref="MnistFiles"/> finds them when null.</summary>
    /// <exception cref="DataFileException">A file is missing or malformed; the message names it.</exception>
    public static SweepData Load(string? dataDirectory = null) =>
        new(MnistData.Load(MnistSet.Train, dataDirectory), MnistData.Load(MnistSet.Valid, dataDirectory));

    /// <summary>
    /// How many images of each set a trial uses: all, or with <see cref="TrialSettings.MaxBatches"/> the first
    /// <c>MaxBatches × BatchSize</c> (as the notebook's <c>--max-batches</c> does).
    /// </summary>
    public (int Train, int Valid) Counts(TrialSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.MaxBatches is not int maxBatches)
            return (Train.Count, Valid.Count);
        int images = (int)Math.Min((long)maxBatches * settings.BatchSize, int.MaxValue);
        return (Math.Min(images, Train.Count), Math.Min(images, Valid.Count));
    }

    /// <summary>A corrupted copy of the first <paramref name="count"/> validation images, the same for every trial of that noise setting.</summary>
    public float[] CorruptedValid(string noise, double level, int count) =>
        _corrupted.GetOrAdd((noise, level, count), key => new Lazy<float[]>(() =>
        {
            float[] copy = Valid.Inputs.Span[..(key.Count * MnistData.ImageSize)].ToArray();
            NoiseNames.Create(key.Noise, key.Level)!.Apply(copy, new RandomGenerator(CorruptedValidationSeed));
            return copy;
        })).Value;
}
