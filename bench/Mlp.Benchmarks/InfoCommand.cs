using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Mlp.Kernels;

namespace Mlp.Benchmarks;

/// <summary>
/// The <c>info</c> verb: one JSON line saying what this process sees — processors, the default kernel thread count
/// (physical cores), whether AVX-512 and AVX2 kernels can run — so scripts can pass "all threads" to every contender.
/// </summary>
public static class InfoCommand
{
    /// <summary>The verb's name on the command line.</summary>
    public const string Verb = "info";

    /// <summary>Prints the line; returns the process exit code.</summary>
    public static int Run()
    {
        JsonLine.Print(new Dictionary<string, object>
        {
            ["processors"] = Environment.ProcessorCount,
            ["default_threads"] = KernelThreads.DefaultCount,
            ["max_threads"] = KernelThreads.Max,
            ["avx512"] = Vector512.IsHardwareAccelerated,
            ["avx2"] = Vector256.IsHardwareAccelerated,
            ["runtime"] = RuntimeInformation.FrameworkDescription,
            ["cpu"] = RuntimeInformation.ProcessArchitecture.ToString(),
        });
        return 0;
    }
}
