using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Mlp.Data;

/// <summary>
/// Decodes each MNIST file once per process, keyed by its full path, so that every provider over the same files
/// shares one copy (the training file alone is 188 MB of floats). Thread-safe: concurrent first requests decode once.
/// A failed decode is not cached, so a fixed file is read again.
/// </summary>
internal static class MnistFileCache
{
    private static readonly ConcurrentDictionary<string, Lazy<IdxImages>> ImageFiles = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Lazy<IdxLabels>> LabelFiles = new(StringComparer.Ordinal);

    public static IdxImages Images(string path) =>
        Get(ImageFiles, Path.GetFullPath(path), p => IdxFileReader.ReadImages(p, MnistData.ImageRows, MnistData.ImageColumns));

    public static IdxLabels Labels(string path) =>
        Get(LabelFiles, Path.GetFullPath(path), p => IdxFileReader.ReadLabels(p, MnistData.NumClasses));

    /// <summary>The number of images in the file: from the decoded file when cached, else from its header alone.</summary>
    public static int ImageCount(string path) =>
        ImageFiles.TryGetValue(Path.GetFullPath(path), out var decoded) && decoded.IsValueCreated
            ? decoded.Value.Count
            : IdxFileReader.ReadImageCount(path, MnistData.ImageRows, MnistData.ImageColumns);

    /// <summary>The number of labels in the file: from the decoded file when cached, else from its header alone.</summary>
    public static int LabelCount(string path) =>
        LabelFiles.TryGetValue(Path.GetFullPath(path), out var decoded) && decoded.IsValueCreated
            ? decoded.Value.Labels.Length
            : IdxFileReader.ReadLabelCount(path);

    // Lazy<T> declares that it may create a T through its parameterless constructor (the trimmer must keep it);
    // ours always passes a factory, so the annotation only tells the trimmer to keep a constructor never called.
    private static T Get<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] T>(
        ConcurrentDictionary<string, Lazy<T>> cache, string path, Func<string, T> decode)
    {
        var lazy = cache.GetOrAdd(path, p => new Lazy<T>(() => decode(p), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            cache.TryRemove(KeyValuePair.Create(path, lazy));
            throw;
        }
    }
}
