namespace Mlp.Kernels;

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
}
