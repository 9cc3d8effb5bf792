using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mlp.Data;
using Mlp.Errors;
using Mlp.LearningRules;
using Mlp.Training;

namespace Mlp.Tests.Training;

/// <summary>A small real training run to checkpoint, and ways of rewriting its checkpoint file as a hostile user would.</summary>
internal static class CheckpointForgery
{
    /// <summary>An optimiser over <see cref="DropoutAutoencoder"/>, noisy shuffled data and Adam, trained one epoch when <paramref name="train"/>.</summary>
    public static Optimiser Run(long seed, bool train = true)
    {
        float[] x = TestData.Uniform(60 * 12, 0, 1, seed: 11);
        var data = new NoisyDataProvider(new InMemoryDataProvider(x, x, 12, 12, batchSize: 10, seed: seed), new MaskingNoise(0.2), seed: seed + 1);
        var optimiser = new Optimiser(new DropoutAutoencoder(seed: (int)seed), new SumOfSquaredDiffsError(), new AdamLearningRule(0.01), data);
        if (train)
            optimiser.DoTrainingEpoch();
        return optimiser;
    }

    /// <summary>The entries of a checkpoint zip, in order, as (name, bytes).</summary>
    public static List<(string Name, byte[] Bytes)> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.Select(e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return (e.FullName, copy.ToArray());
        }).ToList();
    }

    /// <summary>A zip of <paramref name="entries"/>; with <paramref name="fixManifest"/> the manifest's sizes and hashes are recomputed to match, as a forger would.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries, bool fixManifest)
    {
        var list = entries.ToList();
        if (fixManifest)
        {
            int at = list.FindIndex(e => e.Name == "manifest.json");
            JsonNode manifest = JsonNode.Parse(list[at].Bytes)!;
            foreach (JsonNode? item in manifest["entries"]!.AsArray())
            {
                byte[] bytes = list.First(e => e.Name == (string)item!["name"]!).Bytes;
                item!["bytes"] = bytes.Length;
                item["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            }
            list[at] = ("manifest.json", JsonSerializer.SerializeToUtf8Bytes(manifest));
        }
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach ((string name, byte[] bytes) in list)
            {
                using Stream stream = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(bytes);
            }
        }
        return output.ToArray();
    }

    /// <summary><paramref name="zip"/> with one entry's bytes replaced.</summary>
    public static byte[] Replace(byte[] zip, string name, Func<byte[], byte[]> change, bool fixManifest) =>
        Zip(Entries(zip).Select(e => e.Name == name ? (e.Name, change(e.Bytes)) : e), fixManifest);

    /// <summary><paramref name="zip"/> with checkpoint.json's JSON changed by <paramref name="edit"/>, the manifest fixed to match.</summary>
    public static byte[] EditState(byte[] zip, Action<JsonNode> edit) => Replace(zip, "checkpoint.json", bytes =>
    {
        JsonNode state = JsonNode.Parse(bytes)!;
        edit(state);
        return JsonSerializer.SerializeToUtf8Bytes(state);
    }, fixManifest: true);

    /// <summary>
    /// Sets the uncompressed size recorded for <paramref name="name"/> in the zip's central directory (where .NET
    /// reads it from) to <paramref name="size"/>, leaving the data as it is.
    /// </summary>
    public static byte[] WithDeclaredSize(byte[] zip, string name, uint size)
    {
        byte[] result = (byte[])zip.Clone();
        byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        for (int i = 0; i + 46 <= result.Length; i++)
        {
            if (result[i] != 0x50 || result[i + 1] != 0x4B || result[i + 2] != 0x01 || result[i + 3] != 0x02)
                continue;
            int nameLength = result[i + 28] | result[i + 29] << 8;
            if (nameLength == nameBytes.Length && result.AsSpan(i + 46, nameLength).SequenceEqual(nameBytes))
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(i + 24), size);
                return result;
            }
        }
        throw new InvalidOperationException($"no central directory record for {name}");
    }

    /// <summary>Whether two checkpoints hold the same run state, field by field.</summary>
    public static bool Same(TrainingCheckpoint a, TrainingCheckpoint b)
    {
        if (a.Architecture != b.Architecture || a.EpochsCompleted != b.EpochsCompleted || !a.Parameters.SequenceEqual(b.Parameters)
            || a.ModelRandom != b.ModelRandom || a.LearningRule.Rule != b.LearningRule.Rule || a.LearningRule.StepCount != b.LearningRule.StepCount
            || a.LearningRule.LearningRate != b.LearningRule.LearningRate || a.LearningRule.Buffers.Count != b.LearningRule.Buffers.Count)
            return false;
        for (int i = 0; i < a.LearningRule.Buffers.Count; i++)
        {
            if (!a.LearningRule.Buffers[i].Span.SequenceEqual(b.LearningRule.Buffers[i].Span))
                return false;
        }
        DataProviderState? x = a.TrainData, y = b.TrainData;
        for (; x is not null && y is not null; x = x.Source, y = y.Source)
        {
            if (!x.Order.AsSpan().SequenceEqual(y.Order.AsSpan()) || x.CurrentBatch != y.CurrentBatch || x.Random != y.Random)
                return false;
        }
        return x is null && y is null;
    }
}
