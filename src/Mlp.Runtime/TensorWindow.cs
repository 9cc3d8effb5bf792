namespace Mlp;

/// <summary>The checks a named window onto one of a model's buffers makes (<see cref="Parameter"/>, <see cref="StateTensor"/>).</summary>
internal static class TensorWindow
{
    /// <summary>
    /// The number of elements of <paramref name="shape"/>, after checking that every dimension is positive and that the
    /// window from <paramref name="offset"/> fits a buffer of <paramref name="bufferLength"/>.
    /// </summary>
    /// <param name="shape">The row-major shape.</param>
    /// <param name="offset">Where the window starts.</param>
    /// <param name="bufferLength">The buffer's length.</param>
    /// <param name="what">How messages name the tensor, e.g. <c>parameter</c>.</param>
    public static int Length(int[] shape, int offset, int bufferLength, string what)
    {
        long length = 1;
        foreach (int d in shape)
        {
            if (d <= 0) throw new ArgumentException($"Every dimension must be positive; got [{string.Join(", ", shape)}].", nameof(shape));
            length *= d;
        }
        if (offset < 0 || offset + length > bufferLength)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"A {what} of {length} elements at offset {offset} does not fit a buffer of {bufferLength}.");
        return (int)length;
    }
}
