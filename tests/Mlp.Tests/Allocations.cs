namespace Mlp.Tests;

/// <summary>
/// Checks that code allocates nothing on the managed heap. The first calls of a method can allocate inside the
/// runtime (tiered JIT recompilation, on-stack replacement, type loading) on the calling thread, so the body is
/// warmed up and then measured a few times: code that allocates per call allocates in every attempt.
/// </summary>
internal static class Allocations
{
    public static void AssertNone(Action body, int attempts = 5)
    {
        body();
        long fewest = long.MaxValue;
        for (int attempt = 0; attempt < attempts && fewest > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            body();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(fewest == 0, $"Allocated at least {fewest:N0} bytes in each of {attempts} runs after warm-up.");
    }
}
