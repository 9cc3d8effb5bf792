using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Mlp.Data;

/// <summary>Software prefetch of scattered rows into the caches, ahead of a gather that will read them.</summary>
internal static unsafe class RowPrefetch
{
    private const int LineBytes = 64;

    /// <summary>
    /// Asks for every cache line of rows <paramref name="rows"/> (of <paramref name="width"/> elements each) of
    /// <paramref name="source"/>; a hint only, so it does nothing where the instruction set has no prefetch.
    /// </summary>
    public static void Rows<T>(ReadOnlySpan<T> source, int width, ReadOnlySpan<int> rows)
        where T : unmanaged
    {
        foreach (int row in rows)
            Row(source, width, row);
    }

    /// <summary>Asks for every cache line of row <paramref name="row"/> (of <paramref name="width"/> elements) of <paramref name="source"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row<T>(ReadOnlySpan<T> source, int width, int row)
        where T : unmanaged
    {
        if (!Sse.IsSupported)
            return;
        int rowBytes = width * sizeof(T);
        fixed (T* start = &MemoryMarshal.GetReference(source))
        {
            byte* first = (byte*)start + (nint)row * rowBytes;
            // From the line holding the row's first byte to the one holding its last.
            for (byte* p = (byte*)((nint)first & ~(nint)(LineBytes - 1)); p < first + rowBytes; p += LineBytes)
                Sse.Prefetch1(p);
        }
    }
}
