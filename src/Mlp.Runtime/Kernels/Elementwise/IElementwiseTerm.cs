using System.Numerics;

namespace Mlp.Kernels.Elementwise;

/// <summary>
/// One term per element of a sum in double, stated once over a vector of lanes: of the first operand's values (and the
/// second's at the same index), widened to double. <see cref="ElementwiseSum"/> owns the loop, the tail and the
/// accumulators. A struct, so that the JIT compiles the sum for each term with it inlined.
/// </summary>
internal interface IElementwiseTerm
{
    /// <summary>The operands the term reads (<see cref="Operand"/> flags, <see cref="Operand.First"/> or both); an unread one reaches it as zero.</summary>
    static abstract int Reads { get; }

    /// <summary>The terms of lanes <paramref name="a"/> and <paramref name="b"/>.</summary>
    /// <remarks>Mark it <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c>, as <see cref="IElementwiseOperator.Apply"/>.</remarks>
    Vector<double> Term(Vector<double> a, Vector<double> b);
}
