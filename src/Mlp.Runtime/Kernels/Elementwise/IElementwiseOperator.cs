using System.Numerics;

namespace Mlp.Kernels.Elementwise;

/// <summary>
/// An elementwise formula, stated once over a vector of lanes: the new values of some of up to four operands at each
/// index from the values of the operands at that index. <see cref="ElementwiseDriver"/> owns everything else: the
/// vector loop, the tail (as a zero-padded vector, so every element gets the same bits as in a whole vector), the cut
/// between threads and the finiteness check. A struct, so that the JIT compiles the driver's loop for each operator
/// with the formula inlined and its static members folded to constants.
/// </summary>
internal interface IElementwiseOperator
{
    /// <summary>The operands the formula reads (<see cref="Operand"/> flags); the others reach it as zero.</summary>
    static abstract int Reads { get; }

    /// <summary>The operands the formula writes (<see cref="Operand"/> flags); the driver stores only these back.</summary>
    static abstract int Writes { get; }

    /// <summary>Whether the driver checks that the first operand's new values are all finite (a learning rule's parameters).</summary>
    static virtual bool ChecksFinite => false;

    /// <summary>
    /// The work per element in multiply-adds of a matrix product (about 0.01 ns each), for the decision to share the
    /// run with kernel workers.
    /// </summary>
    static abstract int Cost { get; }

    /// <summary>Applies the formula to one vector of lanes of each operand (those in neither mask are unused).</summary>
    /// <remarks>
    /// Mark it <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c>: the JIT does not inline a formula of a few
    /// statements on its own, and then every vector costs a call with the four operands spilled to the stack (Adam's
    /// update ran so).
    /// </remarks>
    void Apply(ref Vector<float> a, ref Vector<float> b, ref Vector<float> c, ref Vector<float> d);
}

/// <summary>The operands of an <see cref="IElementwiseOperator"/> as flags, in the order they are given to the driver.</summary>
internal static class Operand
{
    public const int First = 1;
    public const int Second = 2;
    public const int Third = 4;
    public const int Fourth = 8;
}
