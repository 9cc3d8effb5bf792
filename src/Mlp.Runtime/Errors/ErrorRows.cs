namespace Mlp.Errors;

/// <summary>The error of one run of values: a row (one example) or, for element-wise errors, a whole batch.</summary>
internal delegate double RowError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets);

/// <summary>Row loops shared by the error functions.</summary>
internal static class ErrorRows
{
    /// <summary>Sums <paramref name="rowError"/> over the rows of width <paramref name="width"/>.</summary>
    public static double Sum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int width, RowError rowError)
    {
        double sum = 0;
        for (int start = 0; start < outputs.Length; start += width)
            sum += rowError(outputs.Slice(start, width), targets.Slice(start, width));
        return sum;
    }

    /// <summary>Writes <paramref name="rowError"/> of each row of width <paramref name="width"/> into <paramref name="errors"/>.</summary>
    public static void PerExample(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<double> errors, int width, RowError rowError)
    {
        for (int row = 0, start = 0; row < errors.Length; row++, start += width)
            errors[row] = rowError(outputs.Slice(start, width), targets.Slice(start, width));
    }
}
