using System.Runtime.CompilerServices;

using Mlp.Threading;

namespace Mlp.Kernels;

/// <summary>Which of <see cref="BatchNormKernel"/>'s passes a <see cref="BatchNormJob"/> computes.</summary>
internal enum BatchNormPass
{
    ForwardTraining,
    ForwardEvaluation,
    BackwardParameters,
    BackwardInputsTraining,
    BackwardInputsEvaluation,
}

/// <summary>
/// One pass of <see cref="BatchNormKernel"/> over a batch, cut into blocks of features fixed by the width and batch size
/// alone. Each feature's sums run down the rows in order within one step, so which thread computes a block, and whether
/// a feature falls in a vector step or the scalar tail, never changes its bits.
/// </summary>
internal unsafe struct BatchNormJob : ISharedJob
{
    // Blocks of at least 64 features (whole cache lines of every row) and MinPartLength elements, as the column sums.
    private const int MinFeatures = 64;

    private BatchNormPass _pass;
    private int _rows;
    private int _features;
    private float _momentum;
    private float* _inputs;
    private float* _gradsWrtOutputs;
    private float* _gamma;
    private float* _beta;
    private float* _runningMean;
    private float* _runningVariance;
    private float* _mean;
    private float* _inverseStd;
    private float* _outputs;
    private float* _gradsWrtGamma;
    private float* _gradsWrtBeta;
    private float* _gradsWrtInputs;

    public readonly int Parts => FeatureSplit.EvenParts(_features / Math.Max(MinFeatures, ElementwisePartition.MinPartLength / _rows));

    /// <summary>
    /// Runs <paramref name="pass"/> over the given operands (the kernel has checked their lengths; those a pass does
    /// not use are empty), shared with kernel workers when worthwhile. Every operand is taken read-only because each is
    /// written by some passes and read by others: <see cref="BatchNormKernel"/>'s methods take what their pass writes
    /// as writable spans.
    /// </summary>
    public static void Run(BatchNormPass pass, int rows, int features, float momentum,
        ReadOnlySpan<float> inputs = default, ReadOnlySpan<float> gradsWrtOutputs = default, ReadOnlySpan<float> gamma = default,
        ReadOnlySpan<float> beta = default, ReadOnlySpan<float> runningMean = default, ReadOnlySpan<float> runningVariance = default,
        ReadOnlySpan<float> mean = default, ReadOnlySpan<float> inverseStd = default, ReadOnlySpan<float> outputs = default,
        ReadOnlySpan<float> gradsWrtGamma = default, ReadOnlySpan<float> gradsWrtBeta = default, ReadOnlySpan<float> gradsWrtInputs = default)
    {
        fixed (float* x = inputs, dy = gradsWrtOutputs, g = gamma, b = beta, rm = runningMean, rv = runningVariance)
        fixed (float* mu = mean, inv = inverseStd, y = outputs, dg = gradsWrtGamma, db = gradsWrtBeta, dx = gradsWrtInputs)
        {
            var job = new BatchNormJob
            {
                _pass = pass, _rows = rows, _features = features, _momentum = momentum,
                _inputs = x, _gradsWrtOutputs = dy, _gamma = g, _beta = b, _runningMean = rm, _runningVariance = rv,
                _mean = mu, _inverseStd = inv, _outputs = y, _gradsWrtGamma = dg, _gradsWrtBeta = db, _gradsWrtInputs = dx,
            };
            // Each pass reads every element two to four times, at a few operations each.
            int threads = KernelWorker.ThreadsFor((long)rows * features * 4);
            if (threads > 1 && job.Parts > 1)
                KernelWorker.RunShared(ref job, threads);
            else
                job.Columns(0, features);
        }
    }

    public readonly void Run(int part, object? target)
    {
        int parts = Parts;
        Columns(FeatureSplit.Start(_features, parts, part, 16), FeatureSplit.Start(_features, parts, part + 1, 16));
    }

    // Features j0..j1: whole vectors, then single features, each by the same formula.
    private readonly void Columns(int j0, int j1)
    {
        int j = j0;
        for (; j + VectorLanes.Count <= j1; j += VectorLanes.Count)
            Step<VectorLanes>(j);
        for (; j < j1; j++)
            Step<ScalarLane>(j);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Step<L>(int j)
        where L : struct, ILanes<L>
    {
        switch (_pass)
        {
            case BatchNormPass.ForwardTraining: ForwardTraining<L>(j); break;
            case BatchNormPass.ForwardEvaluation: ForwardEvaluation<L>(j); break;
            case BatchNormPass.BackwardParameters: BackwardParameters<L>(j); break;
            case BatchNormPass.BackwardInputsTraining: BackwardInputsTraining<L>(j); break;
            default: BackwardInputsEvaluation<L>(j); break;
        }
    }

    private readonly void ForwardTraining<L>(int j)
        where L : struct, ILanes<L>
    {
        ref float x = ref *_inputs;
        L n = L.Create(_rows);
        L sum = L.Create(0f);
        for (nint at = j, end = (nint)_rows * _features; at < end; at += _features)
            sum += L.Load(ref x, at);
        L mean = sum / n;
        // The second pass sums squared deviations from the mean: no cancellation, unlike E[x²] − E[x]².
        L squares = L.Create(0f);
        for (nint at = j, end = (nint)_rows * _features; at < end; at += _features)
        {
            L d = L.Load(ref x, at) - mean;
            squares += d * d;
        }
        L inverseStd = L.Create(1f) / L.Sqrt(squares / n + L.Create(BatchNormKernel.Epsilon));
        mean.Store(ref *_mean, j);
        inverseStd.Store(ref *_inverseStd, j);
        Normalise(j, mean, inverseStd);

        L momentum = L.Create(_momentum), keep = L.Create(1f - _momentum);
        (keep * L.Load(ref *_runningMean, j) + momentum * mean).Store(ref *_runningMean, j);
        // The running variance estimates the population's: the batch's unbiased variance, as PyTorch keeps it.
        (keep * L.Load(ref *_runningVariance, j) + momentum * (squares / L.Create(_rows - 1))).Store(ref *_runningVariance, j);
    }

    private readonly void ForwardEvaluation<L>(int j)
        where L : struct, ILanes<L>
    {
        L mean = L.Load(ref *_runningMean, j);
        L inverseStd = L.Create(1f) / L.Sqrt(L.Load(ref *_runningVariance, j) + L.Create(BatchNormKernel.Epsilon));
        mean.Store(ref *_mean, j);
        inverseStd.Store(ref *_inverseStd, j);
        Normalise(j, mean, inverseStd);
    }

    // y = gamma · x̂ + beta with x̂ = (x − mean) · inverseStd.
    private readonly void Normalise<L>(int j, L mean, L inverseStd)
        where L : struct, ILanes<L>
    {
        ref float x = ref *_inputs;
        ref float y = ref *_outputs;
        L gamma = L.Load(ref *_gamma, j), beta = L.Load(ref *_beta, j);
        for (nint at = j, end = (nint)_rows * _features; at < end; at += _features)
            (gamma * ((L.Load(ref x, at) - mean) * inverseStd) + beta).Store(ref y, at);
    }

    private readonly void BackwardParameters<L>(int j)
        where L : struct, ILanes<L>
    {
        ref float x = ref *_inputs;
        ref float dy = ref *_gradsWrtOutputs;
        L mean = L.Load(ref *_mean, j), inverseStd = L.Load(ref *_inverseStd, j);
        L dGamma = L.Create(0f), dBeta = L.Create(0f);
        for (nint at = j, end = (nint)_rows * _features; at < end; at += _features)
        {
            L g = L.Load(ref dy, at);
            dBeta += g;
            dGamma += g * ((L.Load(ref x, at) - mean) * inverseStd);
        }
        dGamma.Store(ref *_gradsWrtGamma, j);
        dBeta.Store(ref *_gradsWrtBeta, j);
    }

    private readonly void BackwardInputsTraining<L>(int j)
        where L : struct, ILanes<L>
    {
        ref float x = ref *_inputs;
        ref float dy = ref *_gradsWrtOutputs;
        ref float dx = ref *_gradsWrtInputs;
        L n = L.Create(_rows);
        L mean = L.Load(ref *_mean, j), inverseStd = L.Load(ref *_inverseStd, j);
        L scale = L.Load(ref *_gamma, j) * inverseStd / n;
        L dGamma = L.Load(ref *_gradsWrtGamma, j), dBeta = L.Load(ref *_gradsWrtBeta, j);
        for (nint at = j, end = (nint)_rows * _features; at < end; at += _features)
        {
            L normalised = (L.Load(ref x, at) - mean) * inverseStd;
            (scale * (n * L.Load(ref dy, at) - dBeta - normalised * dGamma)).Store(ref dx, at);
        }
    }

    private readonly void BackwardInputsEvaluation<L>(int j)
        where L : struct, ILanes<L>
    {
        ref float dy = ref *_gradsWrtOutputs;
        ref float dx = ref *_gradsWrtInputs;
        L scale = L.Load(ref *_gamma, j) * L.Load(ref *_inverseStd, j);
        for (nint at = j, end = (nint)_rows * _features; at < end; at += _features)
            (scale * L.Load(ref dy, at)).Store(ref dx, at);
    }
}
