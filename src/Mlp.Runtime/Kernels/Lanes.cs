using System.Numerics;
using System.Runtime.CompilerServices;

namespace Mlp.Kernels;

/// <summary>
/// A run of adjacent floats computed together: a whole <see cref="Vector{T}"/> or a single float. A kernel written once
/// over <c>TLanes</c> runs its vector steps and its scalar tail from the same formula; every operation is one correctly
/// rounded IEEE operation per lane, so a value gets the same bits whichever kind of step computes it.
/// </summary>
internal interface ILanes<TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>How many floats a step covers.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Create(float value);

    /// <summary>The lanes at <paramref name="source"/> + <paramref name="offset"/>.</summary>
    static abstract TSelf Load(ref float source, nint offset);

    /// <summary>Writes the lanes to <paramref name="destination"/> + <paramref name="offset"/>.</summary>
    void Store(ref float destination, nint offset);

    /// <summary>The correctly rounded square root of every lane.</summary>
    static abstract TSelf Sqrt(TSelf x);

    static abstract TSelf operator +(TSelf a, TSelf b);

    static abstract TSelf operator -(TSelf a, TSelf b);

    static abstract TSelf operator *(TSelf a, TSelf b);

    static abstract TSelf operator /(TSelf a, TSelf b);
}

/// <summary>The lanes of one <see cref="Vector{T}"/> of floats.</summary>
internal readonly struct VectorLanes(Vector<float> value) : ILanes<VectorLanes>
{
    private readonly Vector<float> _value = value;

    public static int Count => Vector<float>.Count;

    public static VectorLanes Create(float value) => new(new Vector<float>(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Load(ref float source, nint offset) => new(Vector.LoadUnsafe(ref source, (nuint)offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, nint offset) => _value.StoreUnsafe(ref destination, (nuint)offset);

    public static VectorLanes Sqrt(VectorLanes x) => new(Vector.SquareRoot(x._value));

    public static VectorLanes operator +(VectorLanes a, VectorLanes b) => new(a._value + b._value);

    public static VectorLanes operator -(VectorLanes a, VectorLanes b) => new(a._value - b._value);

    public static VectorLanes operator *(VectorLanes a, VectorLanes b) => new(a._value * b._value);

    public static VectorLanes operator /(VectorLanes a, VectorLanes b) => new(a._value / b._value);
}

/// <summary>A single float as one lane.</summary>
internal readonly struct ScalarLane(float value) : ILanes<ScalarLane>
{
    private readonly float _value = value;

    public static int Count => 1;

    public static ScalarLane Create(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Load(ref float source, nint offset) => new(Unsafe.Add(ref source, offset));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(ref float destination, nint offset) => Unsafe.Add(ref destination, offset) = _value;

    public static ScalarLane Sqrt(ScalarLane x) => new(MathF.Sqrt(x._value));

    public static ScalarLane operator +(ScalarLane a, ScalarLane b) => new(a._value + b._value);

    public static ScalarLane operator -(ScalarLane a, ScalarLane b) => new(a._value - b._value);

    public static ScalarLane operator *(ScalarLane a, ScalarLane b) => new(a._value * b._value);

    public static ScalarLane operator /(ScalarLane a, ScalarLane b) => new(a._value / b._value);
}
