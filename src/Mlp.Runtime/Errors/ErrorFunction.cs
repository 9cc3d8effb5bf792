namespace Mlp.Errors;

/// <summary>
/// The common form of the course's errors: a sum over the batch's examples of a per-example error. It checks the
/// arguments once and derives <see cref="Value"/>, <see cref="Sum"/> and <see cref="PerExample"/> from that
/// per-example error; each error supplies the error of a run of values and its gradient.
/// </summary>
public abstract class ErrorFunction : IError
{
    /// <summary>Only the runtime's errors derive from this class; implement <see cref="IError"/> for your own.</summary>
    private protected ErrorFunction()
    {
    }

    /// <inheritdoc />
    public double Value(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batchSize) =>
        Sum(outputs, targets, batchSize) / batchSize;

    /// <inheritdoc />
    public double Sum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batchSize)
    {
        int width = ErrorGuard.RowWidth(outputs.Length, targets.Length, batchSize);
        if (IsElementwise)
            return ErrorOf(outputs, targets);
        double sum = 0;
        for (int start = 0; start < outputs.Length; start += width)
            sum += ErrorOf(outputs.Slice(start, width), targets.Slice(start, width));
        return sum;
    }

    /// <inheritdoc />
    public void PerExample(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<double> errors, int batchSize)
    {
        int width = ErrorGuard.RowWidth(outputs.Length, targets.Length, batchSize);
        ErrorGuard.PerExampleLength(batchSize, errors.Length);
        for (int row = 0, start = 0; row < errors.Length; row++, start += width)
            errors[row] = ErrorOf(outputs.Slice(start, width), targets.Slice(start, width));
    }

    /// <inheritdoc />
    public void Gradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int batchSize)
    {
        int width = ErrorGuard.RowWidth(outputs.Length, targets.Length, batchSize);
        ErrorGuard.GradientLength(outputs.Length, gradsWrtOutputs.Length);
        WriteGradient(outputs, targets, gradsWrtOutputs, width, batchSize);
    }

    /// <summary>The error's class name, as the course's <c>__repr__</c>.</summary>
    public override string ToString() => GetType().Name;

    /// <summary>Whether the error is a sum over single values, so a whole batch can be summed in one run.</summary>
    private protected abstract bool IsElementwise { get; }

    /// <summary>The error of a run of values: one example's row, or several rows when <see cref="IsElementwise"/>.</summary>
    private protected abstract double ErrorOf(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets);

    /// <summary>
    /// Writes the gradient of the batch's mean error; the arguments are already checked. Elementwise errors write it
    /// through <see cref="Kernels.Elementwise.ElementwiseDriver"/>, which shares long batches between the kernel threads.
    /// </summary>
    private protected abstract void WriteGradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int width, int batchSize);
}
