namespace Mlp.Sweeps.Tests;

/// <summary>Bit-for-bit comparisons of trial results (timings and hosts aside).</summary>
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
}
