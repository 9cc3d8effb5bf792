using System.Numerics;

namespace Mlp.Data;

/// <summary>Converts pixel bytes to the course's inputs, <c>byte / 256f</c> (exact: 1/256 is a power of two).</summary>
internal static class PixelConversion
{
    private const float Scale = 1f / 256f;

    public static void ToUnitFloats(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException("The destination is shorter than the source.", nameof(destination));

        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // One byte vector widens to two ushort vectors, then to four uint vectors: four float vectors out.
            var scale = new Vector<float>(Scale);
            int n = Vector<float>.Count;
            for (; i <= source.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(source[i..]), out Vector<ushort> low, out Vector<ushort> high);
                Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
                Vector.Widen(high, out Vector<uint> c, out Vector<uint> d);
                (Vector.ConvertToSingle(a) * scale).CopyTo(destination[i..]);
                (Vector.ConvertToSingle(b) * scale).CopyTo(destination[(i + n)..]);
                (Vector.ConvertToSingle(c) * scale).CopyTo(destination[(i + 2 * n)..]);
                (Vector.ConvertToSingle(d) * scale).CopyTo(destination[(i + 3 * n)..]);
            }
        }
        for (; i < source.Length; i++)
            destination[i] = source[i] * Scale;
    }
}
