namespace Mlp.IO;

/// <summary>
/// The CRC-32 of gzip and zip (IEEE 802.3, reflected polynomial 0xEDB88320), to check a gzip file's trailer: .NET's
/// GZipStream stops at the end of the compressed data without looking at it.
/// </summary>
internal struct Crc32
{
    private static readonly uint[] Table = MakeTable();
    private uint _state;

    public Crc32() => _state = 0xFFFFFFFF;

    /// <summary>The CRC of everything appended so far.</summary>
    public readonly uint Value => ~_state;

    public void Append(ReadOnlySpan<byte> data)
    {
        uint state = _state;
        uint[] table = Table;
        foreach (byte b in data)
            state = table[(byte)(state ^ b)] ^ (state >> 8);
        _state = state;
    }

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
