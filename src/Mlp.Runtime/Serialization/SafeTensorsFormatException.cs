namespace Mlp.Serialization;

/// <summary>
/// A safetensors file (or stream) that is malformed, or well formed but does not fit the model it is loaded into.
/// The model's parameters are unchanged when this is thrown.
/// </summary>
/// <remarks>
/// An <see cref="IOException"/>, so code that catches I/O failures around loading a file catches it too
/// (<see cref="InvalidDataException"/>, the closer fit, is sealed).
/// </remarks>
public sealed class SafeTensorsFormatException : IOException
{
    /// <summary>Creates the exception; the message is prefixed with the file and, where one is at fault, the tensor.</summary>
    /// <param name="fileName">The file (or <c>stream</c>) being read.</param>
    /// <param name="tensorName">The tensor at fault, or <see langword="null"/> when the problem is not one tensor's.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="innerException">The underlying parse error, if any.</param>
    public SafeTensorsFormatException(string fileName, string? tensorName, string problem, Exception? innerException = null)
        : base(Compose(fileName, tensorName, problem), innerException)
    {
        FileName = fileName;
        TensorName = tensorName;
        Problem = problem;
    }

    /// <summary>The file (or <c>stream</c>) being read.</summary>
    public string FileName { get; }

    /// <summary>The tensor at fault, or <see langword="null"/> when the problem is not one tensor's.</summary>
    public string? TensorName { get; }

    /// <summary>What is wrong, without the file and tensor prefix.</summary>
    public string Problem { get; }

    private static string Compose(string fileName, string? tensorName, string problem) =>
        tensorName is null ? $"{fileName}: {problem}" : $"{fileName}: tensor '{tensorName}': {problem}";
}
