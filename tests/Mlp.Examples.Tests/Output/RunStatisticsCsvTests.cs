using System.Globalization;
using Mlp.Examples.Output;
using Mlp.Examples.Results;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Output;

public class RunStatisticsCsvTests
{
    [Fact]
    public void Writes_one_line_per_epoch_with_empty_accuracies_for_autoencoders()
    {
        using var folder = new TempFolder();
        string path = RunStatisticsCsv.Write(folder.Path, SampleResults.Ex1);
        Assert.Equal(folder.File("ex1-statistics.csv"), path);
        Assert.Equal(
            "epoch,train_error,valid_error,train_accuracy,valid_accuracy,seconds\n" +
            "0,10,10.5,,,0\n" +
            "1,5,5.25,,,1.5\n" +
            "2,4.75,4.5,,,2.5\n",
            File.ReadAllText(path));
    }

    [Fact]
    public void Uses_the_invariant_culture_and_round_trips_values()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var run = new RunHistory("r", "r", [new EpochStatistics(3, 0.1 + 0.2, double.NaN, 0.975, 1.0 / 3, 12.25)]);
            string line = RunStatisticsCsv.Render(run).Split('\n')[1];
            Assert.Equal("3,0.30000000000000004,NaN,0.975,0.3333333333333333,12.25", line);
            Assert.Equal(0.1 + 0.2, double.Parse(line.Split(',')[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
