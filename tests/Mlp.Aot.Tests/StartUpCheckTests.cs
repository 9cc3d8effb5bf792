namespace Mlp.Aot.Tests;

/// <summary>
/// The executable is compiled for x86-64-v4 (README "Shipping a model"): on a CPU without AVX-512 the Native AOT
/// runtime must stop it at start-up with its message, before any of our code runs — not crash in a kernel with an
/// illegal instruction, nor compute other bits than the JIT. Checked on an emulated Haswell (AVX2 and FMA, no
/// AVX-512) under qemu's user-mode emulator, which .ci/run installs.
/// </summary>
[Collection(PublishedSampleCollection.Name)]
public sealed class StartUpCheckTests(PublishedSample sample)
{
    private const string Emulator = "/usr/bin/qemu-x86_64";

    [Fact]
    public void OnACpuWithoutAvx512TheNativeAotExecutableStopsAtStartUpWithTheRuntimesMessage()
    {
        Assert.True(File.Exists(Emulator), $"{Emulator} is missing: install Debian's qemu-user (.ci/run does)");
        ProcessResult run = ChildProcess.Run(Emulator, ["-cpu", "Haswell", sample.AotExecutable, sample.ModelPath, "--once"],
            sample.Root, TimeSpan.FromMinutes(2));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("The required instruction sets are not supported by the current CPU.", run.StandardError);
        Assert.DoesNotContain("once outputs", run.StandardOutput);
    }
}
