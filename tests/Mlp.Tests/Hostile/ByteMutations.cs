namespace Mlp.Tests.Hostile;

/// <summary>
/// The damage a file suffers in storage or transit, for the fuzz tests of the file formats: each mutation copies a
/// valid file, damages the copy at places drawn from <c>random</c>, and says what it did, for the failure message.
/// </summary>
internal static class ByteMutations
{
    /// <summary>One to <paramref name="most"/> single-bit flips anywhere.</summary>
    public static (byte[] File, string How) FlipBits(byte[] valid, int most, RandomGenerator random)
    {
        byte[] file = (byte[])valid.Clone();
        int flips = 1 + random.NextInt32(most);
        for (int k = 0; k < flips; k++)
        {
            int at = random.NextInt32(file.Length);
            file[at] ^= (byte)(1 << random.NextInt32(8));
        }
        return (file, $"{flips} bit flips");
    }

    /// <summary>A single-bit flip in the first <paramref name="end"/> bytes.</summary>
    public static (byte[] File, string How) FlipBitBefore(byte[] valid, int end, RandomGenerator random)
    {
        byte[] file = (byte[])valid.Clone();
        int at = random.NextInt32(end);
        file[at] ^= (byte)(1 << random.NextInt32(8));
        return (file, $"bit flip at {at}");
    }

    /// <summary>One byte anywhere set to any value.</summary>
    public static (byte[] File, string How) SetByte(byte[] valid, RandomGenerator random)
    {
        byte[] file = (byte[])valid.Clone();
        int at = random.NextInt32(file.Length);
        file[at] = (byte)random.NextInt32(256);
        return (file, $"byte {at} set");
    }

    /// <summary>The file cut short, anywhere before its end.</summary>
    public static (byte[] File, string How) Truncate(byte[] valid, RandomGenerator random)
    {
        int length = random.NextInt32(valid.Length);
        return (valid[..length], $"truncated to {length}");
    }

    /// <summary>One to eight random bytes inserted anywhere, the end included.</summary>
    public static (byte[] File, string How) Insert(byte[] valid, RandomGenerator random)
    {
        int at = random.NextInt32(valid.Length + 1), count = 1 + random.NextInt32(8);
        var bytes = new byte[count];
        for (int k = 0; k < count; k++)
            bytes[k] = (byte)random.NextInt32(256);
        return ([.. valid.AsSpan(0, at), .. bytes, .. valid.AsSpan(at)], $"{count} bytes inserted at {at}");
    }

    /// <summary>One to sixteen bytes deleted anywhere.</summary>
    public static (byte[] File, string How) Delete(byte[] valid, RandomGenerator random)
    {
        int at = random.NextInt32(valid.Length), count = 1 + random.NextInt32(Math.Min(16, valid.Length - at));
        return ([.. valid.AsSpan(0, at), .. valid.AsSpan(at + count)], $"{count} bytes deleted at {at}");
    }
}
