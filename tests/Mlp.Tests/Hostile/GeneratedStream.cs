namespace Mlp.Tests.Hostile;

/// <summary>
/// A stream that cannot seek whose bytes are made on demand: a prefix, then a pattern repeated up to a length,
/// so that a 100 MB hostile file costs nothing to create. It counts what is read and fails the test when a reader
/// goes past <c>budget</c> bytes, which proves a rejection came from the counts in the header, not from reading on.
/// </summary>
internal sealed class GeneratedStream(byte[] prefix, byte[] pattern, long length, long budget) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = (int)Math.Min(buffer.Length, length - BytesRead);
        for (int i = 0; i < n; i++)
        {
            long at = BytesRead + i;
            buffer[i] = at < prefix.Length ? prefix[at] : pattern[(at - prefix.Length) % pattern.Length];
        }
        BytesRead += n;
        if (BytesRead > budget)
            throw new InvalidOperationException($"the reader went on past {budget} bytes of a hostile stream ({BytesRead} read)");
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
