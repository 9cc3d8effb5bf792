namespace Mlp.Errors;

/// <summary>
/// An error function (the course's <c>mlp.errors</c>) comparing a batch of model outputs with targets, both row-major
/// <c>(batchSize, dim)</c>. Training minimises <see cref="Value"/>; <see cref="Gradient"/> is its gradient.
/// </summary>
public interface IError
{
    /// <summary>The error of the batch: the mean over its examples of <see cref="PerExample"/>, accumulated in double.</summary>
    /// <param name="outputs">The model outputs, <c>batchSize · dim</c> values.</param>
    /// <param name="targets">The targets, laid out as <paramref name="outputs"/>.</param>
    /// <param name="batchSize">The number of examples (rows), at least 1.</param>
    double Value(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batchSize);

    /// <summary>
    /// The sum over the batch's examples of their errors, in double: add the sums of a data set's chunks and divide by
    /// the number of examples to get the data set's error exactly as one <see cref="Value"/> over all of it would.
    /// </summary>
    /// <param name="outputs">The model outputs, <c>batchSize · dim</c> values.</param>
    /// <param name="targets">The targets, laid out as <paramref name="outputs"/>.</param>
    /// <param name="batchSize">The number of examples (rows), at least 1.</param>
    double Sum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batchSize);

    /// <summary>Writes each example's error (the error's sum over that example's dimensions) into <paramref name="errors"/>.</summary>
    /// <param name="outputs">The model outputs, <c>batchSize · dim</c> values.</param>
    /// <param name="targets">The targets, laid out as <paramref name="outputs"/>.</param>
    /// <param name="errors">Exactly <paramref name="batchSize"/> values, one per example.</param>
    /// <param name="batchSize">The number of examples (rows), at least 1.</param>
    void PerExample(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<double> errors, int batchSize);

    /// <summary>Overwrites <paramref name="gradsWrtOutputs"/> with the gradient of <see cref="Value"/> with respect to the outputs.</summary>
    /// <param name="outputs">The model outputs, <c>batchSize · dim</c> values.</param>
    /// <param name="targets">The targets, laid out as <paramref name="outputs"/>.</param>
    /// <param name="gradsWrtOutputs">Receives the gradient, laid out as <paramref name="outputs"/>.</param>
    /// <param name="batchSize">The number of examples (rows), at least 1.</param>
    void Gradient(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradsWrtOutputs, int batchSize);
}
