namespace Mlp.Aot.Tests;

/// <summary>The sample app's "name: value" lines, by name.</summary>
internal sealed class SampleOutput
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public SampleOutput(ProcessResult run, string build)
    {
        Assert.True(run.ExitCode == 0, $"The {build} build exited with {run.ExitCode}:\n{run.Output}");
        foreach (string line in run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon > 0)
                _values[line[..colon]] = line[(colon + 2)..];
        }
        Text = run.StandardOutput;
    }

    /// <summary>All that the app printed.</summary>
    public string Text { get; }

    /// <summary>The value printed after <c>name: </c>; fails the test when the app printed no such line.</summary>
    public string this[string name] =>
        _values.TryGetValue(name, out string? value) ? value : throw new Xunit.Sdk.XunitException($"No '{name}:' line in\n{Text}");

    /// <summary>The number at the start of a timing line, e.g. 4.03 from <c>4.03 us (median of 20000)</c>.</summary>
    public double Number(string name) =>
        double.Parse(this[name].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
