namespace Mlp.Data;

/// <summary>What is wrong with a data file (see <see cref="DataFileException"/>).</summary>
public enum DataFileProblem
{
    /// <summary>The file, or the folder that should hold it, does not exist.</summary>
    Missing,

    /// <summary>The file is not gzip-compressed (it lacks the gzip signature).</summary>
    NotGzip,

    /// <summary>The file starts like gzip but its compressed data is corrupt.</summary>
    CorruptCompression,

    /// <summary>The IDX magic number is not the one expected (wrong data type, number of dimensions or kind of file).</summary>
    WrongMagicNumber,

    /// <summary>The data ends before the header's dimensions say it should.</summary>
    Truncated,

    /// <summary>The data continues after the header's dimensions say it should end.</summary>
    ExtraData,

    /// <summary>The image and label files hold different numbers of examples.</summary>
    CountMismatch,

    /// <summary>The dimensions are not those of the data set (image size, or number of examples for the split).</summary>
    UnexpectedShape,

    /// <summary>A label is outside the data set's classes.</summary>
    InvalidLabel,

    /// <summary>
    /// The path is not a regular file that can be read: a folder, a named pipe, socket or terminal, a symbolic-link
    /// loop, or a file without read permission.
    /// </summary>
    Unreadable,
}
