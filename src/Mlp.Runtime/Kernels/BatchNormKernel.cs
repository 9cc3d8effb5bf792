namespace Mlp.Kernels;

/// <summary>
/// The course's batch normalisation (<c>mlp.layers.BatchNormalizationLayer</c>, PyTorch's <c>nn.BatchNorm1d</c>) over
/// row-major <c>(batch, features)</c>: <c>y = gamma · (x − mean) / sqrt(var + eps) + beta</c> per feature. Training
/// normalises with the batch's mean and biased variance and moves the running statistics towards the batch's,
/// <c>running = (1 − momentum) · running + momentum · batch</c>, with the batch's unbiased variance for the running
/// variance (PyTorch's convention); evaluation normalises with the running statistics.
/// </summary>
/// <remarks>
/// Every per-feature sum runs over the rows in order, and work is shared between threads by blocks of features, never
/// by rows, so the results are the same bits on any number of threads. The forward passes write the statistics they
/// normalised with into <c>mean</c> and <c>inverseStd</c> (<c>1 / sqrt(var + eps)</c>), which the backward passes read.
/// </remarks>
public static class BatchNormKernel
{
    /// <summary>The <c>eps</c> added to the variance, PyTorch's default.</summary>
    public const float Epsilon = 1e-5f;

    /// <summary>
    /// Normalises with the batch's statistics, writes them to <paramref name="mean"/> and <paramref name="inverseStd"/>,
    /// and updates <paramref name="runningMean"/> and <paramref name="runningVariance"/> with <paramref name="momentum"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="batchSize"/> is below 2 (one example has no variance) or <paramref name="momentum"/> is not in (0, 1].
    /// </exception>
    public static void ForwardTraining(ReadOnlySpan<float> inputs, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> runningMean, Span<float> runningVariance, Span<float> mean, Span<float> inverseStd, Span<float> outputs,
        int batchSize, int features, float momentum)
    {
        CheckShape(batchSize, features);
        if (batchSize < 2)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                "Batch normalisation needs at least 2 examples per batch in training: the variance of one example is undefined.");
        if (!(momentum > 0f && momentum <= 1f))
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "The momentum must be in (0, 1].");
        CheckBatch(inputs.Length, batchSize, features, nameof(inputs));
        CheckBatch(outputs.Length, batchSize, features, nameof(outputs));
        CheckFeatures(gamma.Length, features, nameof(gamma));
        CheckFeatures(beta.Length, features, nameof(beta));
        CheckFeatures(runningMean.Length, features, nameof(runningMean));
        CheckFeatures(runningVariance.Length, features, nameof(runningVariance));
        CheckFeatures(mean.Length, features, nameof(mean));
        CheckFeatures(inverseStd.Length, features, nameof(inverseStd));
        BatchNormJob.Run(BatchNormPass.ForwardTraining, batchSize, features, momentum, inputs: inputs, gamma: gamma, beta: beta,
            runningMean: runningMean, runningVariance: runningVariance, mean: mean, inverseStd: inverseStd, outputs: outputs);
    }

    /// <summary>
    /// Normalises with the running statistics (the deterministic, evaluation pass) and writes them to
    /// <paramref name="mean"/> and <paramref name="inverseStd"/> for the backward pass; the running statistics are unchanged.
    /// </summary>
    public static void ForwardEvaluation(ReadOnlySpan<float> inputs, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, Span<float> mean, Span<float> inverseStd, Span<float> outputs,
        int batchSize, int features)
    {
        CheckShape(batchSize, features);
        CheckBatch(inputs.Length, batchSize, features, nameof(inputs));
        CheckBatch(outputs.Length, batchSize, features, nameof(outputs));
        CheckFeatures(gamma.Length, features, nameof(gamma));
        CheckFeatures(beta.Length, features, nameof(beta));
        CheckFeatures(runningMean.Length, features, nameof(runningMean));
        CheckFeatures(runningVariance.Length, features, nameof(runningVariance));
        CheckFeatures(mean.Length, features, nameof(mean));
        CheckFeatures(inverseStd.Length, features, nameof(inverseStd));
        BatchNormJob.Run(BatchNormPass.ForwardEvaluation, batchSize, features, 0f, inputs: inputs, gamma: gamma, beta: beta,
            runningMean: runningMean, runningVariance: runningVariance, mean: mean, inverseStd: inverseStd, outputs: outputs);
    }

    /// <summary>
    /// <c>gradsWrtBeta = Σ_batch gradsWrtOutputs</c> and <c>gradsWrtGamma = Σ_batch gradsWrtOutputs · x̂</c>, with
    /// <c>x̂ = (inputs − mean) · inverseStd</c> from the last forward pass (either kind); both are overwritten.
    /// </summary>
    public static void BackwardParameters(ReadOnlySpan<float> gradsWrtOutputs, ReadOnlySpan<float> inputs, ReadOnlySpan<float> mean,
        ReadOnlySpan<float> inverseStd, Span<float> gradsWrtGamma, Span<float> gradsWrtBeta, int batchSize, int features)
    {
        CheckShape(batchSize, features);
        CheckBatch(gradsWrtOutputs.Length, batchSize, features, nameof(gradsWrtOutputs));
        CheckBatch(inputs.Length, batchSize, features, nameof(inputs));
        CheckFeatures(mean.Length, features, nameof(mean));
        CheckFeatures(inverseStd.Length, features, nameof(inverseStd));
        CheckFeatures(gradsWrtGamma.Length, features, nameof(gradsWrtGamma));
        CheckFeatures(gradsWrtBeta.Length, features, nameof(gradsWrtBeta));
        BatchNormJob.Run(BatchNormPass.BackwardParameters, batchSize, features, 0f, inputs: inputs, gradsWrtOutputs: gradsWrtOutputs,
            mean: mean, inverseStd: inverseStd, gradsWrtGamma: gradsWrtGamma, gradsWrtBeta: gradsWrtBeta);
    }

    /// <summary>
    /// The input gradient after a training pass, where the batch statistics depend on every input:
    /// <c>gradsWrtInputs = gamma · inverseStd / N · (N · gradsWrtOutputs − gradsWrtBeta − x̂ · gradsWrtGamma)</c>, reading
    /// the parameter gradients that <see cref="BackwardParameters"/> wrote.
    /// </summary>
    public static void BackwardInputsTraining(ReadOnlySpan<float> gradsWrtOutputs, ReadOnlySpan<float> inputs, ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd, ReadOnlySpan<float> gradsWrtGamma, ReadOnlySpan<float> gradsWrtBeta,
        Span<float> gradsWrtInputs, int batchSize, int features)
    {
        CheckShape(batchSize, features);
        CheckBatch(gradsWrtOutputs.Length, batchSize, features, nameof(gradsWrtOutputs));
        CheckBatch(inputs.Length, batchSize, features, nameof(inputs));
        CheckBatch(gradsWrtInputs.Length, batchSize, features, nameof(gradsWrtInputs));
        CheckFeatures(gamma.Length, features, nameof(gamma));
        CheckFeatures(mean.Length, features, nameof(mean));
        CheckFeatures(inverseStd.Length, features, nameof(inverseStd));
        CheckFeatures(gradsWrtGamma.Length, features, nameof(gradsWrtGamma));
        CheckFeatures(gradsWrtBeta.Length, features, nameof(gradsWrtBeta));
        BatchNormJob.Run(BatchNormPass.BackwardInputsTraining, batchSize, features, 0f, inputs: inputs, gradsWrtOutputs: gradsWrtOutputs,
            gamma: gamma, mean: mean, inverseStd: inverseStd, gradsWrtGamma: gradsWrtGamma, gradsWrtBeta: gradsWrtBeta, gradsWrtInputs: gradsWrtInputs);
    }

    /// <summary>The input gradient after an evaluation pass, where the statistics are constants: <c>gradsWrtInputs = gamma · inverseStd · gradsWrtOutputs</c>.</summary>
    public static void BackwardInputsEvaluation(ReadOnlySpan<float> gradsWrtOutputs, ReadOnlySpan<float> gamma, ReadOnlySpan<float> inverseStd,
        Span<float> gradsWrtInputs, int batchSize, int features)
    {
        CheckShape(batchSize, features);
        CheckBatch(gradsWrtOutputs.Length, batchSize, features, nameof(gradsWrtOutputs));
        CheckBatch(gradsWrtInputs.Length, batchSize, features, nameof(gradsWrtInputs));
        CheckFeatures(gamma.Length, features, nameof(gamma));
        CheckFeatures(inverseStd.Length, features, nameof(inverseStd));
        BatchNormJob.Run(BatchNormPass.BackwardInputsEvaluation, batchSize, features, 0f, gradsWrtOutputs: gradsWrtOutputs,
            gamma: gamma, inverseStd: inverseStd, gradsWrtInputs: gradsWrtInputs);
    }

    private static void CheckShape(int batchSize, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if ((long)batchSize * features > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"A batch of {batchSize} rows of {features} features does not fit one array.");
    }

    private static void CheckBatch(int length, int batchSize, int features, string argument)
    {
        if (length != batchSize * features)
            throw new ArgumentException($"Expected {batchSize * features} values (batchSize {batchSize} × features {features}) but got {length}.", argument);
    }

    private static void CheckFeatures(int length, int features, string argument)
    {
        if (length != features)
            throw new ArgumentException($"Expected one value per feature, {features}, but got {length}.", argument);
    }
}
