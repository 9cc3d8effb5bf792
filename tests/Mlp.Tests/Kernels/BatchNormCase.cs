using Mlp.Kernels;

namespace Mlp.Tests.Kernels;

/// <summary>
/// One batch through <see cref="BatchNormKernel"/>: seeded inputs, scale, shift, running statistics and output
/// gradients, and the buffers each pass writes.
/// </summary>
internal sealed class BatchNormCase
{
    public BatchNormCase(int rows, int features, long seed)
    {
        Rows = rows;
        Features = features;
        // Features with different means and spreads, so that normalising changes every one of them.
        Inputs = TestData.Uniform(rows * features, -1, 1, seed);
        for (int i = 0; i < Inputs.Length; i++)
            Inputs[i] = Inputs[i] * (1 + i % features % 5) + i % features % 3;
        Gamma = TestData.Uniform(features, 0.5, 1.5, seed + 1);
        Beta = TestData.Uniform(features, -0.5, 0.5, seed + 2);
        RunningMean = TestData.Uniform(features, -0.2, 0.2, seed + 3);
        RunningVariance = TestData.Uniform(features, 0.5, 2, seed + 4);
        GradsWrtOutputs = TestData.Uniform(rows * features, -1, 1, seed + 5);
        Mean = new float[features];
        InverseStd = new float[features];
        GradsWrtGamma = new float[features];
        GradsWrtBeta = new float[features];
        Outputs = new float[Inputs.Length];
        GradsWrtInputs = new float[Inputs.Length];
    }

    public int Rows { get; }
    public int Features { get; }
    public float[] Inputs { get; }
    public float[] Gamma { get; }
    public float[] Beta { get; }
    public float[] RunningMean { get; }
    public float[] RunningVariance { get; }
    public float[] GradsWrtOutputs { get; }
    public float[] Mean { get; }
    public float[] InverseStd { get; }
    public float[] Outputs { get; }
    public float[] GradsWrtGamma { get; }
    public float[] GradsWrtBeta { get; }
    public float[] GradsWrtInputs { get; }

    /// <summary>A forward pass of the given kind into <see cref="Outputs"/>; training also moves the running statistics.</summary>
    public void Forward(bool training, float momentum = 0.1f)
    {
        if (training)
            BatchNormKernel.ForwardTraining(Inputs, Gamma, Beta, RunningMean, RunningVariance, Mean, InverseStd, Outputs, Rows, Features, momentum);
        else
            BatchNormKernel.ForwardEvaluation(Inputs, Gamma, Beta, RunningMean, RunningVariance, Mean, InverseStd, Outputs, Rows, Features);
    }

    /// <summary>Both backward passes after a forward pass of the given kind.</summary>
    public void Backward(bool training)
    {
        BatchNormKernel.BackwardParameters(GradsWrtOutputs, Inputs, Mean, InverseStd, GradsWrtGamma, GradsWrtBeta, Rows, Features);
        if (training)
            BatchNormKernel.BackwardInputsTraining(GradsWrtOutputs, Inputs, Gamma, Mean, InverseStd, GradsWrtGamma, GradsWrtBeta, GradsWrtInputs, Rows, Features);
        else
            BatchNormKernel.BackwardInputsEvaluation(GradsWrtOutputs, Gamma, InverseStd, GradsWrtInputs, Rows, Features);
    }

    /// <summary>The error <c>Σ gradsWrtOutputs · outputs</c> in double: the backward passes compute its gradient.</summary>
    public double Error()
    {
        double sum = 0;
        for (int i = 0; i < Outputs.Length; i++)
            sum += (double)GradsWrtOutputs[i] * Outputs[i];
        return sum;
    }

    /// <summary>Every buffer a pass writes, in a fixed order, for bit-for-bit comparisons.</summary>
    public IEnumerable<(string Name, float[] Values)> Written() =>
    [
        ("outputs", Outputs), ("mean", Mean), ("inverseStd", InverseStd), ("runningMean", RunningMean),
        ("runningVariance", RunningVariance), ("gradsWrtGamma", GradsWrtGamma), ("gradsWrtBeta", GradsWrtBeta),
        ("gradsWrtInputs", GradsWrtInputs),
    ];
}
