using System.Text;

namespace Mlp.Serialization;

/// <summary>
/// Orders strings by their UTF-8 bytes, as Rust orders <c>String</c>s (UTF-16 ordinal order differs for
/// characters above the surrogate range).
/// </summary>
internal sealed class Utf8Comparer : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static readonly Utf8Comparer Instance = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
