using System.Diagnostics;
using System.Text;

namespace Mlp.Aot.Tests;

/// <summary>What a finished child process left: its exit code, stdout and stderr, and its wall-clock time.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public string Output => StandardOutput + StandardError;
}

/// <summary>Runs a program as a user's shell would, isolated from the test host's own MSBuild.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/>; fails the test if it outlives <paramref name="timeout"/>.</summary>
    /// <param name="environment">Variables to set for the child.</param>
    public static ProcessResult Run(string program, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
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
        foreach ((string key, string value) in environment)
            start.Environment[key] = value;

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
