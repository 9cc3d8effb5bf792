namespace Mlp.IO;

/// <summary>Why <see cref="RegularFile.OpenRead"/> could not open a path, so each caller can throw its own documented exception.</summary>
internal enum OpenFailure
{
    /// <summary>Nothing is there (or a folder on the way is missing, or a symbolic link points nowhere).</summary>
    Missing,

    /// <summary>The path is a folder.</summary>
    Folder,

    /// <summary>The path is a named pipe, socket or terminal: reading it could block or never end.</summary>
    NotRegularFile,

    /// <summary>Symbolic links on the path loop.</summary>
    LinkLoop,

    /// <summary>The process may not read it.</summary>
    Denied,

    /// <summary>Any other failure of the operating system.</summary>
    Other,
}
