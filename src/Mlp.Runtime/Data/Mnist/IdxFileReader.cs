using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using Mlp.IO;

namespace Mlp.Data;

/// <summary>
/// Decodes gzipped IDX files of unsigned bytes (the MNIST format: a big-endian magic number <c>0x0000 08 nd</c>,
/// <c>nd</c> big-endian 32-bit dimensions, then the bytes), checking everything that can be wrong with them: only
/// regular files are opened, sizes are checked before anything is allocated, and the gzip trailer (CRC-32 and
/// length) must match the data and end the file.
/// </summary>
internal static class IdxFileReader
{
    private const int ImageMagic = 0x00000803; // unsigned bytes, 3 dimensions
    private const int LabelMagic = 0x00000801; // unsigned bytes, 1 dimension
    private const int ImageHeaderLength = 16;
    private const int LabelHeaderLength = 8;
    private const int TrailerLength = 8;       // CRC-32 and length modulo 2^32, little-endian

    // Deflate cannot expand data by more than about 1032:1, so a header promising more than that is a truncated
    // (or forged) file; checking first avoids allocating what a few bytes of header ask for.
    private const long MaxDeflateRatio = 1032;

    /// <summary>The number of images an image file's header declares, after checking its magic number and image size; no pixel is decoded.</summary>
    public static int ReadImageCount(string path, int rows, int columns)
    {
        using var file = new IdxGzip(path);
        return file.Catching(() => ImageCount(file, rows, columns));
    }

    /// <summary>The number of labels a label file's header declares, after checking its magic number; no label is decoded.</summary>
    public static int ReadLabelCount(string path)
    {
        using var file = new IdxGzip(path);
        return file.Catching(() => LabelCount(file));
    }

    /// <summary>Reads an image file whose images must be <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static IdxImages ReadImages(string path, int rows, int columns)
    {
        using var file = new IdxGzip(path);
        return file.Catching(() =>
        {
            int count = ImageCount(file, rows, columns);
            byte[] bytes = file.ReadBody((long)count * rows * columns, $"{count} images of {rows}×{columns} pixels");
            var pixels = GC.AllocateUninitializedArray<float>(bytes.Length);
            PixelConversion.ToUnitFloats(bytes, pixels);
            return new IdxImages(path, pixels, count, rows, columns);
        });
    }

    /// <summary>Reads a label file whose labels must lie in 0 to <paramref name="numClasses"/> − 1.</summary>
    public static IdxLabels ReadLabels(string path, int numClasses)
    {
        using var file = new IdxGzip(path);
        return file.Catching(() =>
        {
            int count = LabelCount(file);
            // The one-of-K rows are numClasses times the labels: checked before either is allocated.
            if ((long)count * numClasses > Array.MaxLength)
                throw new DataFileException(path, DataFileProblem.UnexpectedShape,
                    string.Create(CultureInfo.InvariantCulture, $"{path} declares {count:N0} labels, too many for their {numClasses} one-of-K targets to fit one array."));
            byte[] bytes = file.ReadBody(count, $"{count} labels");
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
        });
    }

    private static int ImageCount(IdxGzip file, int rows, int columns)
    {
        ReadOnlySpan<byte> header = file.ReadHeader(ImageHeaderLength, ImageMagic, "an image file (unsigned bytes, 3 dimensions)");
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        int fileRows = BinaryPrimitives.ReadInt32BigEndian(header[8..]);
        int fileColumns = BinaryPrimitives.ReadInt32BigEndian(header[12..]);
        if (count < 0 || fileRows != rows || fileColumns != columns)
            throw new DataFileException(file.Path, DataFileProblem.UnexpectedShape,
                $"{file.Path} declares {count} images of {fileRows}×{fileColumns} pixels; expected images of {rows}×{columns} pixels.");
        return count;
    }

    private static int LabelCount(IdxGzip file)
    {
        ReadOnlySpan<byte> header = file.ReadHeader(LabelHeaderLength, LabelMagic, "a label file (unsigned bytes, 1 dimension)");
        int count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        if (count < 0)
            throw new DataFileException(file.Path, DataFileProblem.UnexpectedShape, $"{file.Path} declares a negative number of labels ({count}).");
        return count;
    }

    /// <summary>One gzipped IDX file being read: the file, its decompressed stream, and the CRC-32 and length of what came out.</summary>
    private sealed class IdxGzip : IDisposable
    {
        private readonly FileStream _file;
        private readonly GZipStream _gzip;
        private readonly byte[] _header = new byte[ImageHeaderLength];
        private Crc32 _crc = new();
        private long _decompressed;

        public IdxGzip(string path)
        {
            Path = path;
            _file = OpenGzip(path);
            _gzip = new GZipStream(_file, CompressionMode.Decompress);
        }

        public string Path { get; }

        public T Catching<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (InvalidDataException e)
            {
                throw new DataFileException(Path, DataFileProblem.CorruptCompression, $"{Path} is not valid gzip data: {e.Message}", e);
            }
        }

        public ReadOnlySpan<byte> ReadHeader(int length, int expectedMagic, string kind)
        {
            Span<byte> header = _header.AsSpan(0, length);
            int read = _gzip.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false);
            if (read < 4)
                throw new DataFileException(Path, DataFileProblem.Truncated, $"{Path} is truncated: it ends after {read} bytes, inside its 4-byte magic number.");
            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            if (magic != expectedMagic)
            {
                string hint = magic == ImageMagic ? " (that of an image file)" : magic == LabelMagic ? " (that of a label file)" : "";
                throw new DataFileException(Path, DataFileProblem.WrongMagicNumber,
                    $"{Path} has the IDX magic number 0x{magic:X8}{hint}, but {kind} has 0x{expectedMagic:X8}.");
            }
            read = _gzip.ReadAtLeast(header[4..], length - 4, throwOnEndOfStream: false);
            if (read < length - 4)
                throw new DataFileException(Path, DataFileProblem.Truncated,
                    $"{Path} is truncated: it ends inside its header ({4 + read} of {length} bytes).");
            _crc.Append(header);
            _decompressed += length;
            return header;
        }

        /// <summary>Reads the <paramref name="length"/> bytes after the header, checks nothing follows them, and checks the gzip trailer.</summary>
        public byte[] ReadBody(long length, string what)
        {
            if (length > Array.MaxLength)
                throw new DataFileException(Path, DataFileProblem.UnexpectedShape, $"{Path} declares {what}, more bytes than one array holds.");
            if (length > MaxDeflateRatio * _file.Length)
                throw new DataFileException(Path, DataFileProblem.Truncated,
                    string.Create(CultureInfo.InvariantCulture, $"{Path} is truncated: its header declares {what} ({length:N0} bytes), more than a {_file.Length:N0}-byte gzip file can hold."));

            var bytes = GC.AllocateUninitializedArray<byte>((int)length);
            int read = _gzip.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            if (read < bytes.Length)
                throw new DataFileException(Path, DataFileProblem.Truncated,
                    string.Create(CultureInfo.InvariantCulture, $"{Path} is truncated: its header declares {what} ({length:N0} bytes) but the data ends after {read:N0} bytes."));
            if (_gzip.ReadByte() != -1)
                throw new DataFileException(Path, DataFileProblem.ExtraData,
                    $"{Path} holds more data than its header declares ({what}); the file is corrupt or not the one expected.");
            _crc.Append(bytes);
            _decompressed += bytes.Length;
            CheckTrailer();
            return bytes;
        }

        /// <summary>
        /// The file's last 8 bytes must be the trailer of exactly the data read: a file cut inside its trailer, or with
        /// bytes after it, decompresses completely but is not the file that was written.
        /// </summary>
        private void CheckTrailer()
        {
            Span<byte> expected = stackalloc byte[TrailerLength];
            BinaryPrimitives.WriteUInt32LittleEndian(expected, _crc.Value);
            BinaryPrimitives.WriteUInt32LittleEndian(expected[4..], unchecked((uint)_decompressed));

            const int Tail = 1 << 16;
            long start = Math.Max(0, _file.Length - Tail);
            var tail = new byte[_file.Length - start];
            _file.Position = start;
            _file.ReadExactly(tail);
            if (tail.AsSpan().EndsWith(expected))
                return;
            for (int kept = TrailerLength - 1; kept > 0; kept--)
            {
                if (tail.AsSpan().EndsWith(expected[..kept]))
                    throw new DataFileException(Path, DataFileProblem.Truncated,
                        $"{Path} is truncated: it ends {kept} bytes into its 8-byte gzip trailer (the CRC-32 and length of the data).");
            }
            int at = tail.AsSpan().LastIndexOf(expected);
            if (at >= 0)
                throw new DataFileException(Path, DataFileProblem.ExtraData,
                    string.Create(CultureInfo.InvariantCulture, $"{Path} has {tail.Length - at - TrailerLength:N0} bytes after the end of its gzip data; the file is corrupt or not the one expected."));
            throw new DataFileException(Path, DataFileProblem.CorruptCompression,
                $"{Path} is corrupt: its gzip trailer does not match the data (CRC-32 0x{_crc.Value:X8} and length {unchecked((uint)_decompressed)} expected).");
        }

        public void Dispose()
        {
            _gzip.Dispose();
            _file.Dispose();
        }

        private static FileStream OpenGzip(string path)
        {
            FileStream file = RegularFile.OpenRead(path, (failure, problem, inner) => failure == OpenFailure.Missing
                ? new DataFileException(path, DataFileProblem.Missing,
                    $"{path} does not exist. Set {MnistFiles.DataDirectoryVariable} to the folder that holds the data files.", inner)
                : new DataFileException(path, DataFileProblem.Unreadable, $"{path} {problem}.", inner));

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
    }
}
