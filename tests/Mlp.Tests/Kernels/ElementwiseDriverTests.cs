using System.Numerics;
using System.Runtime.CompilerServices;
using Mlp.Kernels.Elementwise;
using Mlp.Threading;

namespace Mlp.Tests.Kernels;

/// <summary>
/// The elementwise driver with operators of its own: the same bits on 2 and 3 threads as on one (workers taking part),
/// every lane of the body, the tail and a run shorter than a vector written once, and the finiteness check finding a
/// non-finite value wherever it lands and nothing where there is none.
/// </summary>
[Collection(KernelWorkerCollection.Name)]
public class ElementwiseDriverTests
{
    // Short of a vector; one vector and a tail; long enough to share, with and without a tail.
    public static TheoryData<int> Lengths => [5, 13, 8192 + 13, 39200, 300_001];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AFormulaGivesTheBitsOfOneThreadOnTwoAndThreeThreads(int length)
    {
        float[] a = GemmReference.Random(length, 51), b = GemmReference.Random(length, 52);
        float[] one = Blend(1, a, b);
        foreach (int threads in new[] { 2, 3 })
        {
            long partsBefore = KernelWorker.PartsRunForCurrentThread;
            GemmReference.AssertBitIdentical(one, Blend(threads, a, b), $"length {length} on {threads} threads");
            if (length >= 2 * ElementwisePartition.MinPartLength)
                Assert.True(KernelWorker.PartsRunForCurrentThread > partsBefore, $"No worker took part on {threads} threads.");
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EveryElementGetsTheFormulaOnceAndTheOperandsItDoesNotWriteAreLeftAlone(int length)
    {
        float[] a = GemmReference.Random(length, 53), b = GemmReference.Random(length, 54);
        float[] aBefore = (float[])a.Clone(), bBefore = (float[])b.Clone();
        // In place: a formula applied twice to an element would show.
        using (new KernelScope(KernelPath.Avx2, 3))
            Assert.True(ElementwiseDriver.Run(new Decay(0.5f), a, b));
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(aBefore[i] - 0.5f * bBefore[i], a[i]);
            Assert.Equal(bBefore[i], b[i]);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void ANonFiniteNewValueIsFoundWhereverItLands(int length)
    {
        int[] places = [0, length / 2, length - 1];
        foreach (int threads in new[] { 1, 2, 3 })
        {
            foreach (int place in places)
            {
                float[] a = GemmReference.Random(length, 55), b = GemmReference.Random(length, 56);
                b[place] = float.PositiveInfinity;
                using (new KernelScope(KernelPath.Avx2, threads))
                    Assert.False(ElementwiseDriver.Run(new Decay(0.5f), a, b), $"Infinity at {place} of {length} not found on {threads} threads.");
                Assert.Equal(float.NegativeInfinity, a[place]);
            }
            float[] finite = GemmReference.Random(length, 57);
            using (new KernelScope(KernelPath.Avx2, threads))
                Assert.True(ElementwiseDriver.Run(new Decay(0.5f), finite, GemmReference.Random(length, 58)), $"A finite run of {length} reported on {threads} threads.");
        }
    }

    [Fact]
    public void TheTailThrowsAwayTheLanesItComputesAgain()
    {
        // One vector and 5 more: the tail is the last whole vector, whose first lanes (from element 5) the body has
        // already written in place. There, a first pass gives 0 − 2 · MaxValue/2 = −MaxValue and a second would give
        // −∞: neither written nor counted by the finiteness check.
        int length = Vector<float>.Count + 5, again = length - Vector<float>.Count;
        float[] a = new float[length], b = new float[length];
        b[again] = float.MaxValue / 2;
        Assert.True(ElementwiseDriver.Run(new Decay(2f), a, b));
        Assert.Equal(-float.MaxValue, a[again]);
    }

    private static float[] Blend(int threads, float[] a, float[] b)
    {
        float[] result = new float[a.Length];
        using (new KernelScope(KernelPath.Avx2, threads))
            ElementwiseDriver.Run(default(Mix), a, b, result);
        return result;
    }

    // (a, b, r): r = a · b + 1 / (1 + a²): several operations whose rounding would show a lane computed differently.
    private readonly struct Mix : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.Third;
        public static int Cost => 8;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> a, ref Vector<float> b, ref Vector<float> r, ref Vector<float> unused3) =>
            r = a * b + Vector<float>.One / (Vector<float>.One + a * a);
    }

    // (p, g): p := p − rate · g, checked like a learning rule's parameters.
    private readonly struct Decay(float rate) : IElementwiseOperator
    {
        public static int Reads => Operand.First | Operand.Second;
        public static int Writes => Operand.First;
        public static bool ChecksFinite => true;
        public static int Cost => 8;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply(ref Vector<float> p, ref Vector<float> g, ref Vector<float> unused2, ref Vector<float> unused3) =>
            p -= new Vector<float>(rate) * g;
    }
}
