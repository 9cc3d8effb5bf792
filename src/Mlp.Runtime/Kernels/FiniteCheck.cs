using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Mlp.Kernels;

/// <summary>
/// Whether values are all finite (no NaN, no infinity): the optimiser's divergence check after every update. Learning
/// rules fold it into their update loops (<see cref="Flags"/> of each vector they write, OR-ed together); other values
/// are swept by <see cref="All"/>.
/// </summary>
internal static class FiniteCheck
{
    /// <summary>
    /// The bits of <c>x − x</c>: zero in a lane where x is finite, a NaN's bits where x is infinite or NaN. OR-ed
    /// together over any number of vectors, the result is zero exactly when every value was finite; an OR waits one
    /// cycle on the previous one, an add would wait several.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<int> Flags(Vector<float> x) => Vector.AsVectorInt32(x - x);

    /// <summary>Whether OR-ed <see cref="Flags"/> say every value was finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllClear(Vector<int> flags) => flags == Vector<int>.Zero;

    /// <summary>Whether every value in <paramref name="values"/> is finite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool All(ReadOnlySpan<float> values)
    {
        ref float start = ref MemoryMarshal.GetReference(values);
        int i = 0, width = Vector<float>.Count;
        Vector<int> flags = Vector<int>.Zero;
        for (; i + width <= values.Length; i += width)
            flags |= Flags(Vector.LoadUnsafe(ref start, (nuint)i));
        bool finite = AllClear(flags);
        for (; i < values.Length; i++)
            finite &= float.IsFinite(values[i]);
        return finite;
    }
}
