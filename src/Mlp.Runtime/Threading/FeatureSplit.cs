namespace Mlp.Threading;

/// <summary>
/// Cuts a dimension of a product or a buffer into a number of blocks fixed by the dimension alone: the same cut in
/// every product and kernel of a training step that runs along it, so each thread keeps the same block of features
/// (or examples) in its own core's cache.
/// </summary>
internal static class FeatureSplit
{
    /// <summary>
    /// Where block <paramref name="block"/> of <paramref name="blocks"/> starts along a dimension of
    /// <paramref name="length"/>: an even share rounded to a multiple of <paramref name="align"/>; block
    /// <paramref name="blocks"/> starts at <paramref name="length"/>.
    /// </summary>
    public static int Start(int length, int blocks, int block, int align)
    {
        if (block <= 0)
            return 0;
        if (block >= blocks)
            return length;
        long even = (long)length * block / blocks;
        return (int)Math.Min((even + align / 2) / align * align, length);
    }

    /// <summary>How many blocks of at least <paramref name="minBlock"/> fit in <paramref name="length"/>, at most <paramref name="maxBlocks"/>.</summary>
    public static int Blocks(int length, int minBlock, int maxBlocks) => Math.Clamp(length / minBlock, 1, Math.Max(maxBlocks, 1));

    // Part counts that divide evenly among the common thread counts (2, 4, 8, 16; 3 for 24 and 48; 32 for 64).
    private static ReadOnlySpan<byte> EvenCounts => [64, 48, 32, 24, 16, 8, 4, 2, 1];

    /// <summary>
    /// The largest of 1, 2, 4, 8, 16, 24, 32, 48 and 64 not above <paramref name="target"/>: a part count that the common
    /// thread counts share evenly (3 parts on two threads would leave one thread with two parts and the other idle half
    /// the time).
    /// </summary>
    public static int EvenParts(long target)
    {
        foreach (byte count in EvenCounts)
        {
            if (count <= target)
                return count;
        }
        return 1;
    }

    /// <summary>The next smaller even part count than <paramref name="parts"/> (1 for 1).</summary>
    public static int FewerParts(int parts) => EvenParts(parts - 1);
}
