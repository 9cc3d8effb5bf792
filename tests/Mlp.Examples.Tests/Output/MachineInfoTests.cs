using Mlp.Examples.Output;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Output;

public class MachineInfoTests
{
    [Fact]
    public void ReadsTheModelNameFromACpuinfoFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("cpuinfo");
        File.WriteAllText(path, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n");
        Assert.Equal("AMD EPYC 7B13", MachineInfo.ProcessorName(path));
        Assert.Null(MachineInfo.ProcessorName(folder.File("missing")));
    }

    [Fact]
    public void ReadsTheThreeLoadAverages()
    {
        using var folder = new TempFolder();
        string path = folder.File("loadavg");
        File.WriteAllText(path, "3.40 6.21 7.36 3/512 12345\n");
        Assert.Equal("3.40 6.21 7.36", MachineInfo.ReadLoadAverage(path));
        Assert.Null(MachineInfo.ReadLoadAverage(folder.File("missing")));
    }

    [Fact]
    public void DescribesThisMachine()
    {
        MachineInfo machine = MachineInfo.Detect();
        Assert.Equal(Environment.ProcessorCount, machine.Cores);
        Assert.StartsWith(".NET", machine.Runtime);
        Assert.False(string.IsNullOrWhiteSpace(machine.Processor));
        Assert.False(string.IsNullOrWhiteSpace(machine.OperatingSystem));
        Assert.Contains("-bit", machine.Simd);
    }
}
