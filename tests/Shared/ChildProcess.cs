using System.Diagnostics;
using System.Text;

namespace Mlp.Tests.Shared;

/// <summary>What a finished child process left: its exit code, stdout and stderr, and its wall-clock time.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    /// <summary>Stdout followed by stderr.</summary>
    public string Output => StandardOutput + StandardError;
}

/// <summary>Runs a program to its end as a user's shell would, isolated from the test host's own MSBuild.</summary>
internal static class ChildProcess
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>; fails the test if it outlives <paramref name="timeout"/>.</summary>
    /// <param name="program">The program, found on the PATH as a shell would.</param>
    /// <param name="arguments">Its arguments, each passed as it is.</param>
    /// <param name="workingDirectory">The child's working directory.</param>
    /// <param name="timeout">How long it may run before it is killed, with its children, and the test failed.</param>
    /// <param name="environment">Variables to set for the child (a null value removes one).</param>
    public static ProcessResult Run(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // The test host's MSBuild variables would point a child build at the test run's own MSBuild.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        foreach ((string key, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
                start.Environment.Remove(key);
            else
                start.Environment[key] = value;
        }

        long started = Stopwatch.GetTimestamp();
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish in {timeout.TotalMinutes} minutes");
        }
        process.WaitForExit(); // also waits for the end of the redirected streams
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, elapsed);
    }
}
