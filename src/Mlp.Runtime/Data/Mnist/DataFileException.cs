namespace Mlp.Data;

/// <summary>
/// A data file is missing or malformed. The message names the file and what is wrong with it; <see cref="FilePath"/>
/// and <see cref="Problem"/> say the same for code.
/// </summary>
public sealed class DataFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    /// <param name="filePath">The file (or folder) at fault, as a full path.</param>
    /// <param name="problem">What kind of fault it is.</param>
    /// <param name="message">A message that names the file and explains the fault.</param>
    /// <param name="innerException">The exception that revealed the fault, if any.</param>
    public DataFileException(string filePath, DataFileProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file (or folder) at fault.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong with it.</summary>
    public DataFileProblem Problem { get; }
}
