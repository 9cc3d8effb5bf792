using System.Reflection;
using System.Runtime.InteropServices;

namespace Mlp.Serialization;

/// <summary>
/// Saves and loads a model's parameters in the safetensors format (an 8-byte little-endian header length, a
/// JSON header of tensor names, dtypes, shapes and byte offsets, then the raw little-endian float32 data),
/// the format <c>safetensors.torch.save_file</c> and <c>load_file</c> read and write.
/// </summary>
/// <remarks>
/// Saving writes every parameter, then every state tensor (BatchNorm's <c>running_mean</c> and <c>running_var</c>),
/// as an F32 tensor, under the tensors' own names or PyTorch <c>nn.Sequential</c> names
/// (<see cref="SafeTensorsNaming"/>), with metadata recording the format, the architecture and the library version.
/// Loading accepts either naming, skips the I64 <c>num_batches_tracked</c> counters PyTorch keeps beside BatchNorm
/// statistics (and only those), checks the whole file against the model before changing anything, and reports every
/// problem as a <see cref="SafeTensorsFormatException"/>.
/// </remarks>
public static class SafeTensorsSerializer
{
    /// <summary>The metadata key of the naming convention: <see cref="MlpFormat"/> or <see cref="PyTorchFormat"/>.</summary>
    public const string FormatKey = "format";

    /// <summary>The metadata key of the model's architecture, e.g. <c>Affine(784, 50) -> Relu -> …</c>.</summary>
    public const string ArchitectureKey = "mlp.architecture";

    /// <summary>The metadata key of the Mlp.Runtime version that wrote the file.</summary>
    public const string VersionKey = "mlp.version";

    /// <summary>The format value of files saved under the parameters' own names.</summary>
    public const string MlpFormat = "mlp";

    /// <summary>The format value of files saved under PyTorch state-dict names (the value PyTorch tooling writes).</summary>
    public const string PyTorchFormat = "pt";

    /// <summary>The Mlp.Runtime assembly's informational version, recorded in every saved file.</summary>
    public static string LibraryVersion { get; } =
        typeof(SafeTensorsSerializer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(SafeTensorsSerializer).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Saves <paramref name="model"/>'s parameters and state tensors to <paramref name="path"/>, replacing it atomically.</summary>
    /// <param name="model">The model to save.</param>
    /// <param name="path">The file to create or replace (conventionally <c>*.safetensors</c>); its folder must exist.</param>
    /// <param name="naming">The tensor names to use.</param>
    public static void Save(this IModel model, string path, SafeTensorsNaming naming = SafeTensorsNaming.Parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        CheckNaming(naming);
        AtomicFile.Write(path, stream => Write(model, stream, naming));
    }

    /// <summary>Writes <paramref name="model"/>'s parameters and state tensors to <paramref name="stream"/> at its position; the stream stays open.</summary>
    /// <param name="model">The model to save.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="naming">The tensor names to use.</param>
    public static void Save(this IModel model, Stream stream, SafeTensorsNaming naming = SafeTensorsNaming.Parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        CheckNaming(naming);
        Write(model, stream, naming);
    }

    /// <summary>
    /// Replaces <paramref name="model"/>'s parameters and state tensors with those in the safetensors file at
    /// <paramref name="path"/>, saved under either naming. On any error the model is unchanged.
    /// </summary>
    /// <param name="model">The model to load into.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="requireSameArchitecture">
    /// When the file records an architecture (files saved here do; PyTorch's do not), require it to equal the
    /// model's: same shapes with different activations would otherwise load silently.
    /// </param>
    /// <exception cref="SafeTensorsFormatException">
    /// The file is malformed, does not fit the model, exceeds the limits (a header over 1 MiB, more than 1,024
    /// tensors, a tensor of more than 8 dimensions), or the path is not a regular file (a folder, a named pipe, a
    /// symbolic-link loop, a file that cannot be read).
    /// </exception>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    public static void Load(this IModel model, string path, bool requireSameArchitecture = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenRead(path);
        Read(model, stream, path, requireSameArchitecture);
    }

    /// <summary>
    /// As <see cref="Load(IModel, string, bool)"/>, reading a whole safetensors file from <paramref name="stream"/>'s
    /// position to its end (nothing may follow the data).
    /// </summary>
    /// <param name="model">The model to load into.</param>
    /// <param name="stream">A readable stream; it need not seek, and stays open.</param>
    /// <param name="requireSameArchitecture">As for <see cref="Load(IModel, string, bool)"/>.</param>
    /// <exception cref="SafeTensorsFormatException">The data is malformed or does not fit the model.</exception>
    public static void Load(this IModel model, Stream stream, bool requireSameArchitecture = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        Read(model, stream, NameOf(stream), requireSameArchitecture);
    }

    /// <summary>The <c>__metadata__</c> of the safetensors file at <paramref name="path"/> (empty if it has none), after validating its header.</summary>
    /// <param name="path">The safetensors file.</param>
    /// <exception cref="SafeTensorsFormatException">The file is malformed or the path is not a regular file (as for <see cref="Load(IModel, string, bool)"/>).</exception>
    /// <exception cref="FileNotFoundException">Nothing is at <paramref name="path"/>.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream stream = OpenRead(path);
        return ReadMetadata(stream, path);
    }

    /// <summary>The <c>__metadata__</c> of the safetensors file in <paramref name="stream"/>, after validating its header.</summary>
    /// <param name="stream">A readable stream at the start of the file; it stays open.</param>
    /// <exception cref="SafeTensorsFormatException">The header is malformed.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadMetadata(stream, NameOf(stream));
    }

    private static IReadOnlyDictionary<string, string> ReadMetadata(Stream stream, string fileName)
    {
        SafeTensorsHeader header = SafeTensorsReader.ReadHeader(stream, fileName, out long? dataLength);
        if (dataLength is long available)
            CheckDataLength(header, available, fileName);
        return header.Metadata;
    }

    private static void Write(IModel model, Stream stream, SafeTensorsNaming naming)
    {
        // Parameters, then state tensors (BatchNorm's running statistics), as TensorNames.All lists them; each a copy.
        var tensors = new List<NamedTensor>();
        foreach (IModelTensor t in TensorNames.All(model))
            tensors.Add(new NamedTensor(TensorNames.Of(t, naming), t.Shape.ToArray(), t.Values.ToArray()));
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = naming == SafeTensorsNaming.Parameters ? MlpFormat : PyTorchFormat,
            [ArchitectureKey] = model.Architecture,
            [VersionKey] = LibraryVersion,
        };
        SafeTensorsWriter.Write(stream, tensors, metadata);
    }

    private static void Read(IModel model, Stream stream, string fileName, bool requireSameArchitecture)
    {
        SafeTensorsHeader header = SafeTensorsReader.ReadHeader(stream, fileName, out long? dataLength);
        if (dataLength is long available)
            CheckDataLength(header, available, fileName);
        if (requireSameArchitecture && header.Metadata.TryGetValue(ArchitectureKey, out string? architecture) && architecture != model.Architecture)
            throw new SafeTensorsFormatException(fileName, null,
                $"it holds a model of architecture '{architecture}' but this model is '{model.Architecture}' " +
                "(pass requireSameArchitecture: false to load the weights anyway).");

        (TensorEntry Entry, IModelTensor Tensor)[] bindings = ModelBinding.Bind(model, header.Tensors, fileName);
        // Every tensor is bound once and shapes match, so the data is the model's size (and 8 bytes per skipped batch
        // counter, at most one per BatchNorm layer): safe to allocate.
        byte[] data = SafeTensorsReader.ReadData(stream, (long)header.DataLength, fileName);

        // Everything is validated; from here nothing can fail, so the model never ends up half loaded.
        foreach ((TensorEntry entry, IModelTensor tensor) in bindings)
            CopyLittleEndian(data.AsSpan((int)entry.Begin, (int)(entry.End - entry.Begin)), tensor.Values);
    }

    private static void CheckDataLength(SafeTensorsHeader header, long available, string fileName)
    {
        if (header.DataLength != (ulong)available)
            throw new SafeTensorsFormatException(fileName, null,
                $"the header's tensors cover {header.DataLength} bytes of data but {available} bytes follow the header.");
    }

    private static void CopyLittleEndian(ReadOnlySpan<byte> source, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(source).CopyTo(destination);
            return;
        }
        for (int i = 0; i < destination.Length; i++)
            destination[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(source[(i * 4)..]);
    }

    // Only regular files: a folder, a named pipe or a symbolic-link loop is a SafeTensorsFormatException at once.
    private static FileStream OpenRead(string path) =>
        IO.RegularFile.OpenRead(path, (failure, problem, inner) => failure == IO.OpenFailure.Missing
            ? new FileNotFoundException($"{path}: the file does not exist.", path, inner)
            : new SafeTensorsFormatException(path, null, $"the path {problem}.", inner));

    private static string NameOf(Stream stream) => stream is FileStream file ? file.Name : "stream";

    private static void CheckNaming(SafeTensorsNaming naming)
    {
        if (naming is not (SafeTensorsNaming.Parameters or SafeTensorsNaming.PyTorchSequential))
            throw new ArgumentOutOfRangeException(nameof(naming), naming, "Unknown naming.");
    }
}
