namespace Mlp.Sweeps.Tests;

/// <summary>
/// Bit-for-bit comparisons of trial results (timings and hosts aside). Linked into Mlp.Sweeps.Cluster.Tests too, so
/// that the cluster's results are held to the same comparison as the local runner's.
/// </summary>
internal static class Same
{
    public static void Numbers(TrialResult expected, TrialResult actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Divergence, actual.Divergence);
        Assert.Equal(expected.Epochs.Count, actual.Epochs.Count);
        for (int i = 0; i < expected.Epochs.Count; i++)
        {
            EpochRow e = expected.Epochs[i], a = actual.Epochs[i];
            Assert.Equal(e.Epoch, a.Epoch);
            Assert.Equal(e.Values.Keys.Order(), a.Values.Keys.Order());
            foreach (var (key, value) in e.Values)
                Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(a.Values[key]),
                    $"trial {expected.Id} epoch {e.Epoch} {key}: {value:R} vs {a.Values[key]:R}");
        }
    }

    /// <summary>Every trial of <paramref name="expected"/> has the same numbers and model file bytes in <paramref name="actualFolder"/>.</summary>
    public static void Sweep(IReadOnlyList<TrialResult> expected, string expectedFolder, string actualFolder)
    {
        var actual = new SweepFolder(actualFolder);
        foreach (TrialResult result in expected)
        {
            TrialResult other = actual.FindResult(result.Id) ?? throw new Xunit.Sdk.XunitException($"trial {result.Id} has no result in {actualFolder}");
            Numbers(result, other);
            Assert.Equal(File.ReadAllBytes(Path.Combine(expectedFolder, "models", result.ModelFile!)),
                File.ReadAllBytes(Path.Combine(actualFolder, "models", other.ModelFile!)));
        }
    }
}
