using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mlp.Threading;

namespace Mlp.Kernels.Elementwise;

/// <summary>
/// Runs an <see cref="IElementwiseOperator"/> over operands of one length: whole vectors, then the last
/// <c>length mod Vector&lt;float&gt;.Count</c> elements as lanes of one more vector (the run's last, or a zero-padded
/// one for a run shorter than a vector), so that every element is computed by the same vector code wherever it lies.
/// Long runs are shared with kernel workers, cut at multiples of 64 elements (<see cref="ElementwisePartition"/>, or a
/// learning rule's <see cref="ParameterSplit"/>), so the results are the same bits on any number of threads; short
/// runs never touch the job board.
/// </summary>
/// <remarks>
/// Operands are passed as read-only spans; those the operator <see cref="IElementwiseOperator.Writes"/> must be memory
/// the caller may write (its <see cref="Span{T}"/>s, converted). Unused operands are empty.
/// </remarks>
internal static unsafe class ElementwiseDriver
{
    /// <summary>
    /// Runs <paramref name="op"/> over operands <paramref name="a"/> to <paramref name="d"/> (all of
    /// <paramref name="a"/>'s length); true unless the operator checks finiteness and a new value of
    /// <paramref name="a"/> is NaN or infinite.
    /// </summary>
    public static bool Run<TOp>(TOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b = default, ReadOnlySpan<float> c = default,
        ReadOnlySpan<float> d = default)
        where TOp : unmanaged, IElementwiseOperator
    {
        AssertLengths<TOp>(a.Length, b.Length, c.Length, d.Length);
        fixed (float* pa = a, pb = b, pc = c, pd = d)
        {
            if (!ElementwisePartition.TryPlan(a.Length, TOp.Cost, out ElementwisePartition plan))
                return Sweep(op, pa, pb, pc, pd, a.Length);
            int finite = 1;
            var job = new FlatJob<TOp>(op, plan, new Operands(pa, pb, pc, pd), &finite);
            KernelWorker.RunShared(ref job, plan.Threads);
            return finite != 0;
        }
    }

    /// <summary>
    /// <see cref="Run{TOp}(TOp, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    /// over a whole parameter buffer, shared part by part of <paramref name="split"/> (each thread first updates the
    /// rows whose gradients its core has just written); cut as a flat run when <paramref name="split"/> is null.
    /// </summary>
    public static bool Run<TOp>(TOp op, ParameterSplit? split, ReadOnlySpan<float> a, ReadOnlySpan<float> b = default,
        ReadOnlySpan<float> c = default, ReadOnlySpan<float> d = default)
        where TOp : unmanaged, IElementwiseOperator
    {
        if (split is null)
            return Run(op, a, b, c, d);
        AssertLengths<TOp>(a.Length, b.Length, c.Length, d.Length);
        fixed (float* pa = a, pb = b, pc = c, pd = d)
        {
            int threads = split.Parts > 1 ? KernelWorker.ThreadsFor((long)a.Length * TOp.Cost) : 1;
            if (threads < 2)
                return Sweep(op, pa, pb, pc, pd, a.Length);
            int finite = 1;
            var job = new SplitJob<TOp>(op, split.Parts, new Operands(pa, pb, pc, pd), &finite);
            KernelWorker.RunShared(ref job, threads, split);
            return finite != 0;
        }
    }

    // One sweep: whole vectors, then the tail; whether operand 0's new values are finite.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Sweep<TOp>(TOp op, float* a, float* b, float* c, float* d, int length)
        where TOp : unmanaged, IElementwiseOperator
    {
        nuint n = (nuint)length, w = (nuint)Vector<float>.Count, i = 0;
        if (n < w)
            return Short(op, a, b, c, d, length);
        Vector<int> flags = Vector<int>.Zero;
        for (; i + w <= n; i += w)
        {
            Vector<float> va = Load<TOp>(a, i, 0), vb = Load<TOp>(b, i, 1), vc = Load<TOp>(c, i, 2), vd = Load<TOp>(d, i, 3);
            op.Apply(ref va, ref vb, ref vc, ref vd);
            Store<TOp>(a, i, 0, va);
            Store<TOp>(b, i, 1, vb);
            Store<TOp>(c, i, 2, vc);
            Store<TOp>(d, i, 3, vd);
            if (TOp.ChecksFinite)
                flags |= FiniteCheck.Flags(va);
        }
        if (i < n)
        {
            // The tail: the run's last whole vector, of which only the lanes past i are new. Lanes are independent, so
            // those get exactly the bits they would get in any vector; the others (already written above, perhaps
            // in place) are computed again and thrown away: each operand keeps their current values.
            nuint last = n - w;
            Vector<int> fresh = Vector.GreaterThanOrEqual(Vector<int>.Indices, new Vector<int>((int)(i - last)));
            Vector<float> va = Load<TOp>(a, last, 0), vb = Load<TOp>(b, last, 1), vc = Load<TOp>(c, last, 2), vd = Load<TOp>(d, last, 3);
            op.Apply(ref va, ref vb, ref vc, ref vd);
            StoreFresh<TOp>(a, last, 0, va, fresh);
            StoreFresh<TOp>(b, last, 1, vb, fresh);
            StoreFresh<TOp>(c, last, 2, vc, fresh);
            StoreFresh<TOp>(d, last, 3, vd, fresh);
            if (TOp.ChecksFinite)
                flags |= FiniteCheck.Flags(va) & fresh;
        }
        return !TOp.ChecksFinite || FiniteCheck.AllClear(flags);
    }

    // A run shorter than one vector, as one zero-padded vector (so it gets the bits a whole vector gives); apart, so
    // that the copies' calls do not make the main loop keep its values on the stack.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Short<TOp>(TOp op, float* a, float* b, float* c, float* d, int count)
        where TOp : unmanaged, IElementwiseOperator
    {
        Vector<float> va = LoadPadded<TOp>(a, count, 0), vb = LoadPadded<TOp>(b, count, 1);
        Vector<float> vc = LoadPadded<TOp>(c, count, 2), vd = LoadPadded<TOp>(d, count, 3);
        op.Apply(ref va, ref vb, ref vc, ref vd);
        StorePadded<TOp>(a, count, 0, va);
        StorePadded<TOp>(b, count, 1, vb);
        StorePadded<TOp>(c, count, 2, vc);
        StorePadded<TOp>(d, count, 3, vd);
        return !TOp.ChecksFinite || FiniteCheck.All(new ReadOnlySpan<float>(a, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load<TOp>(float* p, nuint i, int operand)
        where TOp : IElementwiseOperator =>
        Reads<TOp>(operand) ? Vector.Load(p + i) : default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TOp>(float* p, nuint i, int operand, Vector<float> value)
        where TOp : IElementwiseOperator
    {
        if (Writes<TOp>(operand))
            Vector.Store(value, p + i);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFresh<TOp>(float* p, nuint i, int operand, Vector<float> value, Vector<int> fresh)
        where TOp : IElementwiseOperator
    {
        if (Writes<TOp>(operand))
            Vector.Store(Vector.ConditionalSelect(Vector.AsVectorSingle(fresh), value, Vector.Load(p + i)), p + i);
    }

    private static Vector<float> LoadPadded<TOp>(float* p, int count, int operand)
        where TOp : IElementwiseOperator
    {
        Vector<float> value = default;
        if (Reads<TOp>(operand))
            Unsafe.CopyBlockUnaligned(&value, p, (uint)(count * sizeof(float)));
        return value;
    }

    private static void StorePadded<TOp>(float* p, int count, int operand, Vector<float> value)
        where TOp : IElementwiseOperator
    {
        if (Writes<TOp>(operand))
            Unsafe.CopyBlockUnaligned(p, &value, (uint)(count * sizeof(float)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Reads<TOp>(int operand) where TOp : IElementwiseOperator => (TOp.Reads & (1 << operand)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Writes<TOp>(int operand) where TOp : IElementwiseOperator => (TOp.Writes & (1 << operand)) != 0;

    // Every operand the operator uses has the first one's length (the callers check their arguments).
    [System.Diagnostics.Conditional("DEBUG")]
    private static void AssertLengths<TOp>(int a, int b, int c, int d)
        where TOp : IElementwiseOperator =>
        System.Diagnostics.Debug.Assert(Length<TOp>(1, b, a) && Length<TOp>(2, c, a) && Length<TOp>(3, d, a));

    private static bool Length<TOp>(int operand, int length, int expected)
        where TOp : IElementwiseOperator =>
        !Reads<TOp>(operand) && !Writes<TOp>(operand) || length == expected;

    // The operands' first elements (null where unused).
    [StructLayout(LayoutKind.Auto)]
    private readonly struct Operands(float* a, float* b, float* c, float* d)
    {
        public bool Sweep<TOp>(TOp op, int offset, int length)
            where TOp : unmanaged, IElementwiseOperator =>
            ElementwiseDriver.Sweep(op, a + offset, b + offset, c + offset, d + offset, length);
    }

    // A part that wrote a non-finite value clears the flag (several may: they only ever write 0), so the answer does
    // not depend on the order the parts finish.
    [StructLayout(LayoutKind.Auto)]
    private readonly struct FlatJob<TOp>(TOp op, ElementwisePartition plan, Operands operands, int* finite) : ISharedJob
        where TOp : unmanaged, IElementwiseOperator
    {
        public int Parts => plan.Parts;

        public void Run(int part, object? target)
        {
            (int offset, int length) = plan.Part(part);
            if (!operands.Sweep(op, offset, length))
                Volatile.Write(ref *finite, 0);
        }
    }

    [StructLayout(LayoutKind.Auto)]
    private readonly struct SplitJob<TOp>(TOp op, int parts, Operands operands, int* finite) : ISharedJob
        where TOp : unmanaged, IElementwiseOperator
    {
        public int Parts => parts;

        public void Run(int part, object? target)
        {
            var split = (ParameterSplit)target!;
            bool ok = true;
            for (int i = 0; i < split.Count(part); i++)
                ok &= operands.Sweep(op, split.Start(part, i), split.Length(part, i));
            if (!ok)
                Volatile.Write(ref *finite, 0);
        }
    }
}
