using System.Diagnostics;

namespace Mlp.InferenceSample;

/// <summary>
/// Times Forward call by call and reports the median, which one preempted call on a shared machine cannot move.
/// BenchmarkDotNet cannot run inside a Native AOT executable, so the app times itself, the same way in every build.
/// </summary>
internal static class ForwardTiming
{
    // Under the JIT, methods start unoptimised and are recompiled after 30 calls once 100 ms pass without new
    // compilations; half a second of calls first makes the JIT build's figure its steady state, as AOT's is from the start.
    private static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(500);

    /// <summary>The median seconds of <paramref name="repeat"/> calls of Forward on <paramref name="inputs"/>, after half a second of unmeasured ones.</summary>
    public static double MedianSeconds(Autoencoder model, ReadOnlySpan<float> inputs, int batchSize, int repeat)
    {
        long warmUpStart = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(warmUpStart) < WarmUp)
            model.Forward(inputs, batchSize);
        var ticks = new long[repeat];
        for (int i = 0; i < repeat; i++)
        {
            long start = Stopwatch.GetTimestamp();
            model.Forward(inputs, batchSize);
            ticks[i] = Stopwatch.GetTimestamp() - start;
        }
        Array.Sort(ticks);
        long median = repeat % 2 == 1 ? ticks[repeat / 2] : (ticks[repeat / 2 - 1] + ticks[repeat / 2]) / 2;
        return (double)median / Stopwatch.Frequency;
    }
}
