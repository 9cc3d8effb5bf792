using System.Runtime.CompilerServices;

namespace Mlp.Generators.Tests;

/// <summary>
/// Compares generated source with a checked-in <c>Snapshots/NAME.verified.cs</c>. On a mismatch, or when the
/// verified file is missing, it writes <c>NAME.received.cs</c> beside it and fails with the first differing
/// line. Setting <c>MLP_ACCEPT_SNAPSHOTS=1</c> accepts the received text instead, except on CI.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "MLP_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verifiedPath = Path.Combine(folder, name + ".verified.cs");
        string receivedPath = Path.Combine(folder, name + ".received.cs");
        actual = Normalise(actual);
        string? expected = File.Exists(verifiedPath) ? Normalise(File.ReadAllText(verifiedPath)) : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                Assert.Fail($"{AcceptVariable} is refused on CI: snapshots are accepted on a developer machine and committed.");
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        Assert.Fail(expected is null
            ? $"No verified snapshot {verifiedPath}. Wrote {receivedPath}; review it, then rename it or rerun with {AcceptVariable}=1."
            : $"Generated source differs from {verifiedPath} ({FirstDifference(expected, actual)}). Wrote {receivedPath}; compare them (diff -u), then accept with {AcceptVariable}=1 if the change is intended.");
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string? el = i < e.Length ? e[i] : null, al = i < a.Length ? a[i] : null;
            if (el != al)
                return $"line {i + 1}: expected «{el ?? "<end of file>"}» but generated «{al ?? "<end of file>"}»";
        }
        return "only in line endings";
    }
}
