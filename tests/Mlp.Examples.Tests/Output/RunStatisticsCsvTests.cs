using System.Globalization;
using Mlp.Examples.Output;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Output;

public class RunStatisticsCsvTests
{
    [Fact]
    public void WritesOneLinePerEpochUnderTheRunsKey()
    {
        using var folder = new TempFolder();
        string path = RunStatisticsCsv.Write(folder.Path, SampleResults.Ex1);
        Assert.Equal(folder.File("ex1-statistics.csv"), path);
        Assert.Equal(
            "epoch,seconds,error(train),error(valid)\n" +
            "0,,10,10.5\n" +
            "1,1.5,5,5.25\n" +
            "2,2.5,4.75,4.5\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void UsesTheInvariantCultureAndRoundTripsValues()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            using var folder = new TempFolder();
            var run = Runs.Classifier("r", "r", [(0.1 + 0.2, 0.975, double.NaN, 1.0 / 3)]);
            string line = File.ReadAllText(RunStatisticsCsv.Write(folder.Path, run)).Split('\n')[1];
            Assert.Equal("0,,0.30000000000000004,0.975,NaN,0.3333333333333333", line);
            Assert.Equal(0.1 + 0.2, double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
