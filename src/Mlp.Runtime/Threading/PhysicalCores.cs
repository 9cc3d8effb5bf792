using System.Globalization;

namespace Mlp.Threading;

/// <summary>
/// How many physical cores the process may run on: the default kernel thread count. Two hyper-threads of one core
/// share its FMA units, so a second kernel thread on the same core adds hand-offs without adding arithmetic.
/// </summary>
internal static class PhysicalCores
{
    private const string CpuRoot = "/sys/devices/system/cpu";

    /// <summary>
    /// On Linux, the distinct (package, core) pairs among the processors in the process's affinity mask, read from
    /// <c>/proc/self/status</c> and <c>/sys/devices/system/cpu/cpuN/topology</c>; elsewhere, or when those cannot be
    /// read, <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    public static int Available()
    {
        if (!OperatingSystem.IsLinux())
            return Environment.ProcessorCount;
        try
        {
            List<int>? allowed = AllowedProcessors();
            if (allowed is null || allowed.Count == 0)
                return Environment.ProcessorCount;
            var cores = new HashSet<(string Package, string Core)>();
            foreach (int cpu in allowed)
            {
                string topology = $"{CpuRoot}/cpu{cpu}/topology";
                string core = File.ReadAllText($"{topology}/core_id").Trim();
                string package = File.ReadAllText($"{topology}/physical_package_id").Trim();
                cores.Add((package, core));
            }
            // The runtime may also be limited by a CPU quota (containers), which ProcessorCount reflects.
            return Math.Min(cores.Count, Environment.ProcessorCount);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return Environment.ProcessorCount;
        }
    }

    // The processors of "Cpus_allowed_list: 0-3,8-11" in /proc/self/status, or null when there is no such line.
    private static List<int>? AllowedProcessors()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))
                continue;
            return ParseList(line["Cpus_allowed_list:".Length..]);
        }
        return null;
    }

    /// <summary>Parses a kernel CPU list such as <c>0-3,8,10-11</c>.</summary>
    internal static List<int> ParseList(string list)
    {
        var cpus = new List<int>();
        foreach (string range in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = range.IndexOf('-');
            int first = int.Parse(dash < 0 ? range : range[..dash], CultureInfo.InvariantCulture);
            int last = dash < 0 ? first : int.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture);
            for (int cpu = first; cpu <= last; cpu++)
                cpus.Add(cpu);
        }
        return cpus;
    }
}
