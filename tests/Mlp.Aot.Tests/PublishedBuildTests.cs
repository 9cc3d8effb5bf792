using System.Globalization;
using Xunit.Abstractions;

namespace Mlp.Aot.Tests;

/// <summary>
/// The sample published as Native AOT and as a trimmed self-contained app computes exactly what its JIT build
/// computes, publishes without a trim or AOT warning, and ships as a small, fast-starting executable.
/// </summary>
[Collection(PublishedSampleCollection.Name)]
public sealed class PublishedBuildTests(PublishedSample sample, ITestOutputHelper log)
{
    // The lines that depend on the computed bits; the others are timings or descriptions.
    private static readonly string[] BitLines = ["model", "test images", "reconstruction error", "outputs", "batch-1 outputs", "onnx export"];

    private const long SizeGoalBytes = 10 * 1024 * 1024;

    [Fact]
    public void BothPublishesHaveNoWarnings()
    {
        log.WriteLine($"both publishes: {sample.PublishTime.TotalSeconds:F0} s " +
                      $"(Native AOT {sample.AotPublish.Elapsed.TotalSeconds:F0} s, trimmed {sample.TrimmedPublish.Elapsed.TotalSeconds:F0} s)");
        // Trim (IL2xxx), AOT (IL3xxx) and single-file (IL3000) analysis all report as "warning IL....", from the
        // compiler's analyzers and from ILLink and ILC over the whole app (Google.Protobuf included).
        Assert.DoesNotContain("warning IL", sample.AotPublish.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning IL", sample.TrimmedPublish.Output, StringComparison.Ordinal);
        Assert.Contains("Generating native code", sample.AotPublish.StandardOutput);
    }

    [Fact]
    public void TheNativeAotExecutableIsUnder10MB()
    {
        long size = new FileInfo(sample.AotExecutable).Length;
        log.WriteLine($"Native AOT executable: {size / 1048576.0:F2} MiB ({size:N0} bytes)");
        var trimmed = new DirectoryInfo(Path.GetDirectoryName(sample.TrimmedExecutable)!).GetFiles();
        log.WriteLine($"trimmed self-contained app: {trimmed.Sum(f => f.Length) / 1048576.0:F1} MiB in {trimmed.Length} files");
        Assert.True(size < SizeGoalBytes, $"{sample.AotExecutable} is {size:N0} bytes");
    }

    [Fact]
    public void TheTrimmedAppComputesTheJitBuildsBitsOnTheTestSet()
    {
        var jit = new SampleOutput(sample.JitRun, "JIT");
        var trimmed = new SampleOutput(sample.TrimmedRun, "trimmed");
        log.WriteLine(jit.Text);
        foreach (string line in BitLines)
            Assert.Equal(jit[line], trimmed[line]);
        Assert.Equal("10000", jit["test images"]);
    }

    [Fact]
    public void TheNativeAotExecutableComputesTheJitBuildsBitsOrRefusesToStart()
    {
        if (!RunsHere(sample.AotRun))
            return;
        var jit = new SampleOutput(sample.JitRun, "JIT");
        var aot = new SampleOutput(sample.AotRun, "Native AOT");
        log.WriteLine(aot.Text);
        Assert.StartsWith("AVX-512 ", aot["kernels"]);
        Assert.Equal(jit["kernels"], aot["kernels"]);
        foreach (string line in BitLines)
            Assert.Equal(jit[line], aot[line]);
    }

    [Fact]
    public void NativeAotForwardIsAboutAsFastAsTheJits()
    {
        if (!RunsHere(sample.AotRun))
            return;
        // Three rounds, the builds alternating, and the fastest median of each: a burst of load from other processes
        // slows one run, rarely all three.
        var best = new Dictionary<string, double>();
        for (int round = 0; round < 3; round++)
        {
            var runs = new[]
            {
                ("JIT", sample.RunJit(sample.ModelPath, "--repeat", "5000")),
                ("Native AOT", sample.RunExecutable(sample.AotExecutable, sample.ModelPath, "--repeat", "5000")),
            };
            foreach ((string build, ProcessResult run) in runs)
            {
                var output = new SampleOutput(run, build);
                foreach (string line in new[] { "forward batch 1", "forward batch 1000" })
                {
                    string key = build + "|" + line;
                    best[key] = Math.Min(best.GetValueOrDefault(key, double.MaxValue), output.Number(line));
                }
            }
        }
        foreach ((string line, string unit) in new[] { ("forward batch 1", "us"), ("forward batch 1000", "ms") })
        {
            double jit = best["JIT|" + line], aot = best["Native AOT|" + line], ratio = aot / jit;
            log.WriteLine($"{line} (best median of 3 runs, one kernel thread): JIT {jit} {unit}, Native AOT {aot} {unit}, {ratio:F3}x the JIT's time");
            // The goal is 10%, measured in the README on a quiet machine; with two cores shared by other builds a
            // median moves by more, while the portable kernels that a wrong instruction-set setting picks take 2-4 times as long.
            Assert.True(ratio < 1.5, $"{line}: Native AOT {aot} {unit} against the JIT's {jit} {unit}");
        }
    }

    [Fact]
    public void NativeAotStartsLoadsAndInfersFasterThanTheJit()
    {
        if (!RunsHere(sample.AotRun))
            return;
        // Whole processes, alternating so that a burst of load on the machine hits both alike.
        var aotTimes = new List<double>();
        var jitTimes = new List<double>();
        string? aotOnce = null, jitOnce = null;
        for (int i = 0; i < 7; i++)
        {
            ProcessResult aot = sample.RunExecutable(sample.AotExecutable, sample.ModelPath, "--once");
            ProcessResult jit = sample.RunJit(sample.ModelPath, "--once");
            aotOnce = new SampleOutput(aot, "Native AOT")["once outputs"];
            jitOnce = new SampleOutput(jit, "JIT")["once outputs"];
            aotTimes.Add(aot.Elapsed.TotalMilliseconds);
            jitTimes.Add(jit.Elapsed.TotalMilliseconds);
        }
        double aotMedian = Median(aotTimes), jitMedian = Median(jitTimes);
        log.WriteLine($"start-up + model load + one batch-1 Forward, median of 7 processes: Native AOT {aotMedian:F1} ms, JIT {jitMedian:F1} ms");
        log.WriteLine($"  Native AOT: {string.Join(", ", aotTimes.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))}");
        log.WriteLine($"  JIT:        {string.Join(", ", jitTimes.Select(t => t.ToString("F1", CultureInfo.InvariantCulture)))}");
        Assert.Equal(jitOnce, aotOnce);
        // The goal, under 30 ms, is measured in the README; here other builds share the cores, so only the order is checked.
        Assert.True(aotMedian < jitMedian, $"Native AOT {aotMedian:F1} ms, JIT {jitMedian:F1} ms");
    }

    [Fact]
    public void NativeAotNamesAMissingModelFile()
    {
        if (!RunsHere(sample.AotRun))
            return;
        string missing = Path.Combine(sample.Root, "no-such-model.safetensors");
        ProcessResult run = sample.RunExecutable(sample.AotExecutable, missing, "--once");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(missing, run.StandardError);
    }

    // On a machine without the instruction sets the executable was compiled for (x86-64-v4), the Native AOT
    // runtime's start-up check must stop it with its message before any code runs: never a crash inside a kernel,
    // nor the portable kernels' other bits. Then nothing else about the AOT build can be measured here.
    private static bool RunsHere(ProcessResult aotRun)
    {
        if (PublishedSample.MachineHasAvx512)
            return true;
        Assert.NotEqual(0, aotRun.ExitCode);
        Assert.Contains("The required instruction sets are not supported by the current CPU", aotRun.Output);
        return false;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        int n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
