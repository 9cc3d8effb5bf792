namespace Mlp.Kernels.Products;

// Compile-time tile sizes: the JIT specialises a generic tile method for each struct argument and folds
// these constants, so one method body yields every row count and column width without dead registers.

/// <summary>How many rows of C a register tile computes.</summary>
internal interface ITileRows
{
    static abstract int Count { get; }
}

/// <summary>How many columns of C a dot-product tile computes, one output element each.</summary>
internal interface IDotColumns
{
    static abstract int Count { get; }
}

/// <summary>How many columns a broadcast tile computes: one, two or three full vectors, or one masked vector.</summary>
internal interface ITileColumns
{
    static abstract int Vectors { get; }

    static abstract bool Masked { get; }
}

internal readonly struct Rows1 : ITileRows
{
    public static int Count => 1;
}

internal readonly struct Rows2 : ITileRows
{
    public static int Count => 2;
}

internal readonly struct Rows3 : ITileRows
{
    public static int Count => 3;
}

internal readonly struct Rows4 : ITileRows
{
    public static int Count => 4;
}

internal readonly struct Rows5 : ITileRows
{
    public static int Count => 5;
}

internal readonly struct Rows6 : ITileRows
{
    public static int Count => 6;
}

internal readonly struct Rows8 : ITileRows
{
    public static int Count => 8;
}

internal readonly struct Rows10 : ITileRows
{
    public static int Count => 10;
}

internal readonly struct Columns1 : IDotColumns
{
    public static int Count => 1;
}

internal readonly struct Columns2 : IDotColumns
{
    public static int Count => 2;
}

internal readonly struct Columns3 : IDotColumns
{
    public static int Count => 3;
}

internal readonly struct Columns4 : IDotColumns
{
    public static int Count => 4;
}

internal readonly struct ThreeVectors : ITileColumns
{
    public static int Vectors => 3;

    public static bool Masked => false;
}

internal readonly struct TwoVectors : ITileColumns
{
    public static int Vectors => 2;

    public static bool Masked => false;
}

internal readonly struct OneVector : ITileColumns
{
    public static int Vectors => 1;

    public static bool Masked => false;
}

internal readonly struct MaskedVector : ITileColumns
{
    public static int Vectors => 1;

    public static bool Masked => true;
}

/// <summary>How many rows a tile that runs down the rows computes: 64 (four whole vectors), or up to 16 (one masked vector).</summary>
internal interface IRowBlock
{
    static abstract bool Masked { get; }
}

internal readonly struct Rows64 : IRowBlock
{
    public static bool Masked => false;
}

internal readonly struct MaskedRows16 : IRowBlock
{
    public static bool Masked => true;
}
