using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Mlp.Sweeps.Cluster.Tests;

/// <summary>
/// The cluster as users run it: <c>redis-server</c> and three silo processes of the built app on 127.0.0.1, and a
/// client process running <c>sweep --cluster</c>. One silo is killed with SIGKILL while it trains a trial; the sweep
/// still completes, every trial's numbers and model bytes equal the local runner's, and the killed silo's trial
/// finishes on another silo. Everything is stopped by the test within bounded time.
/// </summary>
public sealed partial class ProcessClusterTests(ITestOutputHelper output)
{
    private static readonly string App = Path.Combine(AppContext.BaseDirectory, "Mlp.Examples.dll");

    [Fact]
    public void ASweepCompletesWithTheLocalNumbersWhenASiloIsKilledMidSweep()
    {
        using var redis = new RedisServer();
        var (local, localFolder) = SmallSweep.Local;
        using var folder = new TempFolder();
        var silos = new List<AppProcess>();
        try
        {
            for (int i = 0; i < 3; i++)
                silos.Add(AppProcess.Start(App, ["silo", "--redis", redis.Address, "--port", Port(), "--gateway-port", Port(), "--parallel", "1"]));
            foreach (AppProcess silo in silos)
                Assert.True(silo.WaitForLine(l => l.StartsWith("silo ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60)), $"a silo did not start:\n{silo.Output}");

            using AppProcess client = AppProcess.Start(App, [.. SmallSweep.Arguments, "--cluster", redis.Address, "--output", folder.Path]);
            // Wait for a trial to report an epoch from some silo, then kill that silo's process.
            string? line = null;
            Assert.True(client.WaitForLine(l => TrialEpochOnSilo().IsMatch(l) && (line = l) is not null, TimeSpan.FromSeconds(90)), $"no trial reported an epoch:\n{client.Output}");
            Match match = TrialEpochOnSilo().Match(line!);
            string trialId = match.Groups["trial"].Value;
            string host = client.HostOf(trialId) ?? throw new Xunit.Sdk.XunitException($"no start line for trial {trialId}:\n{client.Output}");
            AppProcess victim = silos.Single(s => s.Output.Contains($"silo ready: {host["silo ".Length..]} ", StringComparison.Ordinal));
            var killedAt = Stopwatch.StartNew();
            victim.Kill();
            output.WriteLine($"killed {host} while it trained trial {trialId}");

            // The trial resumes on another silo: the first progress line after the kill naming it with another host.
            bool resumed = client.WaitForLine(l => l.Contains($"trial {trialId} ", StringComparison.Ordinal) && l.Contains(" on silo ", StringComparison.Ordinal) && !l.Contains(host, StringComparison.Ordinal),
                TimeSpan.FromSeconds(120), fromNow: true);
            output.WriteLine($"trial {trialId} running again {killedAt.Elapsed.TotalSeconds:F1} s after the kill (resumed: {resumed})");
            Assert.True(client.WaitForExit(TimeSpan.FromSeconds(120)), $"the client did not finish:\n{client.Output}");
            Assert.True(client.ExitCode == 0, $"the client failed:\n{client.Output}");

            Same.Sweep(local, localFolder, folder.Path);
            TrialResult moved = new SweepFolder(folder.Path).FindResult(trialId)!;
            Assert.NotEqual(host, moved.Host);
            output.WriteLine($"trial {trialId} finished on {moved.Host}, resumed from epoch {moved.ResumedFromEpoch}");
            Assert.True(File.Exists(Path.Combine(folder.Path, "report.md")));
        }
        finally
        {
            foreach (AppProcess silo in silos)
                silo.Dispose();
        }
    }

    private static string Port() => RedisServer.FreePort().ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^trial (?<trial>[0-9a-f]{12}) epoch \d+/\d+")]
    private static partial Regex TrialEpochOnSilo();
}

/// <summary>A process of the built app, its output collected line by line; killed on dispose if still running.</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private int _mark;

    private AppProcess(Process process) => _process = process;

    public static AppProcess Start(string app, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(app);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        var process = new AppProcess(Process.Start(start)!);
        process._process.OutputDataReceived += (_, e) => process.Add(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Add(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    public string Output
    {
        get
        {
            lock (_lines)
                return string.Join('\n', _lines);
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The host a trial was last said to start or resume on (<c>trial {id} starts on {host}:</c>).</summary>
    public string? HostOf(string trialId)
    {
        lock (_lines)
            return _lines.Select(l => Regex.Match(l, $@"^trial {trialId} (?:starts|resumes from epoch \d+) on (?<host>silo [0-9.:]+):")).LastOrDefault(m => m.Success)?.Groups["host"].Value;
    }

    /// <summary>Waits for a line matching <paramref name="condition"/> (from the start, or only new ones).</summary>
    public bool WaitForLine(Func<string, bool> condition, TimeSpan timeout, bool fromNow = false)
    {
        var clock = Stopwatch.StartNew();
        int from;
        lock (_lines)
            from = fromNow ? _lines.Count : 0;
        while (clock.Elapsed < timeout)
        {
            lock (_lines)
            {
                for (int i = from; i < _lines.Count; i++)
                    if (condition(_lines[i]))
                        return true;
                from = _lines.Count;
            }
            if (_process.HasExited && _mark == _lines.Count)
                return false;
            _mark = _lines.Count;
            Thread.Sleep(50);
        }
        return false;
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>SIGKILL: the process gets no chance to hand anything over.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // A silo stops gracefully on SIGTERM within seconds; a hung one is killed.
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit(5000);
            if (!_process.WaitForExit(20_000))
                _process.Kill();
        }
        _process.WaitForExit(5000);
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
            return;
        lock (_lines)
            _lines.Add(line);
    }
}
