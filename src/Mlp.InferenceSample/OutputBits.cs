using System.Globalization;

namespace Mlp.InferenceSample;

/// <summary>
/// A 64-bit FNV-1a hash of floats' raw IEEE bits (or of bytes), fed batch after batch: two builds agree on it only if they
/// computed the same bits (a hash of rounded decimals would hide last-bit differences). FNV rather than SHA-256
/// so that the executable does not load OpenSSL.
/// </summary>
internal sealed class OutputBits
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private ulong _hash = Offset;

    /// <summary>Adds <paramref name="values"/>' bits to the hash.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        ulong hash = _hash;
        foreach (float value in values)
        {
            uint bits = BitConverter.SingleToUInt32Bits(value);
            for (int b = 0; b < 4; b++, bits >>= 8)
                hash = (hash ^ (bits & 0xFF)) * Prime;
        }
        _hash = hash;
    }

    /// <summary>The same hash of <paramref name="bytes"/>, as 16 hexadecimal digits.</summary>
    public static string HashOf(ReadOnlySpan<byte> bytes)
    {
        ulong hash = Offset;
        foreach (byte b in bytes)
            hash = (hash ^ b) * Prime;
        return hash.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The hash as 16 hexadecimal digits.</summary>
    public override string ToString() => _hash.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A double's bits as 16 hexadecimal digits.</summary>
    public static string Hex(double value) => BitConverter.DoubleToUInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture);
}
