using System.Numerics;
using System.Runtime.InteropServices;

namespace Mlp.Examples.Output;

/// <summary>What the report says about the machine a run used.</summary>
/// <param name="Processor">The processor's model name (from <c>/proc/cpuinfo</c> on Linux).</param>
/// <param name="Cores">The logical processors available to the process.</param>
/// <param name="Runtime">The .NET runtime, e.g. <c>.NET 10.0.0</c>.</param>
/// <param name="OperatingSystem">The operating system's description.</param>
/// <param name="Simd">The SIMD width the kernels use, e.g. <c>256-bit (8 floats)</c>.</param>
public sealed record MachineInfo(string Processor, int Cores, string Runtime, string OperatingSystem, string Simd)
{
    /// <summary>
    /// The load averages over 1, 5 and 15 minutes when the run started (from <c>/proc/loadavg</c> on Linux), e.g.
    /// <c>3.40 6.21 7.36</c>: on a shared machine, what the timings competed with; null where unknown.
    /// </summary>
    public string? LoadAverage { get; init; }

    /// <summary>Describes the machine this process runs on.</summary>
    public static MachineInfo Detect() => new(
        ProcessorName("/proc/cpuinfo") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription,
        $"{Vector<byte>.Count * 8}-bit ({Vector<float>.Count} floats)");

    /// <summary>The three load averages of a <c>/proc/loadavg</c>-style file, space-separated; null when there is no such file.</summary>
    /// <param name="loadavgPath">The file to read.</param>
    public static string? ReadLoadAverage(string loadavgPath)
    {
        if (!File.Exists(loadavgPath))
            return null;
        string[] fields = File.ReadAllText(loadavgPath).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 3 ? string.Join(' ', fields[..3]) : null;
    }

    /// <summary>The first <c>model name</c> line of a <c>/proc/cpuinfo</c>-style file; null when there is none.</summary>
    /// <param name="cpuinfoPath">The file to read.</param>
    public static string? ProcessorName(string cpuinfoPath)
    {
        if (!File.Exists(cpuinfoPath))
            return null;
        foreach (string line in File.ReadLines(cpuinfoPath))
        {
            int colon = line.IndexOf(':');
            if (colon > 0 && line[..colon].Trim() == "model name")
                return line[(colon + 1)..].Trim();
        }
        return null;
    }
}
