namespace Mlp.Examples.Options;

/// <summary>Makes sure the output folder exists and can be written, by creating it and writing a probe file.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> if needed and writes and removes a probe file in it; returns why that failed, or null.</summary>
    public static string? Prepare(string path)
    {
        try
        {
            string folder = Directory.CreateDirectory(path).FullName;
            string probe = Path.Combine(folder, $".write-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, [0]);
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"--output: cannot write to '{path}': {e.Message}";
        }
    }
}
