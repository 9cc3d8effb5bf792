using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace Mlp.Data;

/// <summary>
/// Decodes gzipped IDX files of unsigned bytes (the MNIST format: a big-endian magic number <c>0x0000 08 nd</c>,
/// <c>nd</c> big-endian 32-bit dimensions, then the bytes), checking everything that can be wrong with them.
/// </summary>
internal static class IdxFileReader
{
    private const int ImageMagic = 0x00000803; // unsigned bytes, 3 dimensions
    private const int LabelMagic = 0x00000801; // unsigned bytes, 1 dimension

    // Deflate cannot expand data by more than about 1032:1, so a header promising more than that is a truncated
    // (or forged) file; checking first avoids allocating what a few bytes of header ask for.
    private const long MaxDeflateRatio = 1032;

    /// <summary>Reads an image file whose images must be <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static IdxImages ReadImages(string path, int rows, int columns)
    {
        using var file = OpenGzip(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            Span<byte> header = stackalloc byte[16];
            ReadHeader(gzip, header, path, ImageMagic, "an image file (unsigned bytes, 3 dimensions)");
            int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
            int fileRows = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
            int fileColumns = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
            if (count < 0 || fileRows != rows || fileColumns != columns)
                throw new DataFileException(path, DataFileProblem.UnexpectedShape,
                    $"{path} declares {count} images of {fileRows}×{fileColumns} pixels; expected images of {rows}×{columns} pixels.");

            byte[] bytes = ReadBody(gzip, file.Length, path, (long)count * rows * columns, $"{count} images of {rows}×{columns} pixels");
            var pixels = GC.AllocateUninitializedArray<float>(bytes.Length);
            PixelConversion.ToUnitFloats(bytes, pixels);
            return new IdxImages(path, pixels, count, rows, columns);
        }
        catch (InvalidDataException e)
        {
            throw CorruptCompression(path, e);
        }
    }

    /// <summary>Reads a label file whose labels must lie in 0 to <paramref name="numClasses"/> − 1.</summary>
    public static IdxLabels ReadLabels(string path, int numClasses)
    {
        using var file = OpenGzip(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        try
        {
            Span<byte> header = stackalloc byte[8];
            ReadHeader(gzip, header, path, LabelMagic, "a label file (unsigned bytes, 1 dimension)");
            int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
            if (count < 0)
                throw new DataFileException(path, DataFileProblem.UnexpectedShape, $"{path} declares a negative number of labels ({count}).");

            byte[] bytes = ReadBody(gzip, file.Length, path, count, $"{count} labels");
            var labels = new int[count];
            var oneOfK = new float[(long)count * numClasses];
            for (int i = 0; i < bytes.Length; i++)
            {
                int label = bytes[i];
                if (label >= numClasses)
                    throw new DataFileException(path, DataFileProblem.InvalidLabel,
                        $"{path} has label {label} at index {i}; labels must be from 0 to {numClasses - 1}.");
                labels[i] = label;
                oneOfK[i * numClasses + label] = 1f;
            }
            return new IdxLabels(path, labels, oneOfK, numClasses);
        }
        catch (InvalidDataException e)
        {
            throw CorruptCompression(path, e);
        }
    }

    private static FileStream OpenGzip(string path)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFileException(path, DataFileProblem.Missing,
                $"{path} does not exist. Set {MnistFiles.DataDirectoryVariable} to the folder that holds the data files.", e);
        }

        Span<byte> signature = stackalloc byte[4]; // two are the signature; four make a clearer message
        int read = file.ReadAtLeast(signature, 4, throwOnEndOfStream: false);
        if (read < 2 || signature[0] != 0x1F || signature[1] != 0x8B)
        {
            file.Dispose();
            string start = read == 0 ? "it is empty" : $"it starts with {Convert.ToHexString(signature[..read])}";
            throw new DataFileException(path, DataFileProblem.NotGzip,
                $"{path} is not gzip-compressed ({start}; gzip files start with 1F8B). Use the original gzipped IDX file.");
        }
        file.Position = 0;
        return file;
    }

    private static void ReadHeader(Stream gzip, Span<byte> header, string path, int expectedMagic, string kind)
    {
        int read = gzip.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false);
        if (read < 4)
            throw new DataFileException(path, DataFileProblem.Truncated, $"{path} is truncated: it ends after {read} bytes, inside its 4-byte magic number.");
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            string hint = magic == ImageMagic ? " (that of an image file)" : magic == LabelMagic ? " (that of a label file)" : "";
            throw new DataFileException(path, DataFileProblem.WrongMagicNumber,
                $"{path} has the IDX magic number 0x{magic:X8}{hint}, but {kind} has 0x{expectedMagic:X8}.");
        }
        read = gzip.ReadAtLeast(header[4..], header.Length - 4, throwOnEndOfStream: false);
        if (read < header.Length - 4)
            throw new DataFileException(path, DataFileProblem.Truncated,
                $"{path} is truncated: it ends inside its header ({4 + read} of {header.Length} bytes).");
    }

    private static byte[] ReadBody(Stream gzip, long compressedLength, string path, long length, string what)
    {
        if (length > Array.MaxLength)
            throw new DataFileException(path, DataFileProblem.UnexpectedShape, $"{path} declares {what}, more bytes than one array holds.");
        if (length > MaxDeflateRatio * compressedLength)
            throw new DataFileException(path, DataFileProblem.Truncated,
                string.Create(CultureInfo.InvariantCulture, $"{path} is truncated: its header declares {what} ({length:N0} bytes), more than a {compressedLength:N0}-byte gzip file can hold."));

        var bytes = GC.AllocateUninitializedArray<byte>((int)length);
        int read = gzip.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        if (read < bytes.Length)
            throw new DataFileException(path, DataFileProblem.Truncated,
                string.Create(CultureInfo.InvariantCulture, $"{path} is truncated: its header declares {what} ({length:N0} bytes) but the data ends after {read:N0} bytes."));
        if (gzip.ReadByte() != -1)
            throw new DataFileException(path, DataFileProblem.ExtraData,
                $"{path} holds more data than its header declares ({what}); the file is corrupt or not the one expected.");
        return bytes;
    }

    private static DataFileException CorruptCompression(string path, InvalidDataException e) =>
        new(path, DataFileProblem.CorruptCompression, $"{path} is not valid gzip data: {e.Message}", e);
}
