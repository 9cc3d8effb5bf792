using System.Globalization;

namespace Mlp;

/// <summary>
/// Replaces a file all at once: the content is written to a temporary file in the same folder, flushed to disk,
/// then renamed over the target, so a failure or crash part-way leaves the old file (or no file) in place,
/// never a half-written one.
/// </summary>
public static class AtomicFile
{
    // Temporary names are made unique by process and counter, not by random draws (RandomGenerator is for the models).
    private static long s_counter;

    /// <summary>Calls <paramref name="write"/> on a fresh temporary file, then moves it to <paramref name="path"/>.</summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="write">
    /// Writes the whole content to the stream it is given, and leaves that stream open (it is flushed to disk and
    /// closed here); an exception from it leaves <paramref name="path"/> as it was.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = Path.GetFullPath(path);
        string? folder = Path.GetDirectoryName(target);
        string name = Path.GetFileName(target);
        if (folder is null || name.Length == 0 || Directory.Exists(target))
            throw new ArgumentException($"'{path}' names a folder, not a file.", nameof(path));

        string temporary = CreateTemporary(folder, name, out FileStream stream);
        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static string CreateTemporary(string folder, string name, out FileStream stream)
    {
        while (true)
        {
            string candidate = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
                $".{name}.{Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}.tmp"));
            try
            {
                stream = new FileStream(candidate, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                return candidate;
            }
            catch (IOException) when (File.Exists(candidate))
            {
                // A leftover from an earlier process with the same id: try the next name.
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 (without a byte-order mark) to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="text">The whole content.</param>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(text);
        });
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, atomically.</summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="bytes">The whole content.</param>
    public static void WriteAllBytes(string path, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes));
    }
}
