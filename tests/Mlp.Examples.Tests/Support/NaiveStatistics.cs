namespace Mlp.Examples.Tests.Support;

/// <summary>Textbook double-precision references the SIMD code is checked against.</summary>
public static class NaiveStatistics
{
    public static double[] Mean(float[] data, int count, int dimension)
    {
        var mean = new double[dimension];
        for (int e = 0; e < count; e++)
            for (int j = 0; j < dimension; j++)
                mean[j] += data[e * dimension + j];
        for (int j = 0; j < dimension; j++)
            mean[j] /= count;
        return mean;
    }

    /// <summary>Σ over examples of (x − μ)(x − μ)ᵀ / n, every operation in double.</summary>
    public static double[] Covariance(float[] data, int count, int dimension)
    {
        double[] mean = Mean(data, count, dimension);
        var covariance = new double[dimension * dimension];
        for (int e = 0; e < count; e++)
            for (int i = 0; i < dimension; i++)
            {
                double a = data[e * dimension + i] - mean[i];
                for (int j = 0; j < dimension; j++)
                    covariance[i * dimension + j] += a * (data[e * dimension + j] - mean[j]);
            }
        for (int k = 0; k < covariance.Length; k++)
            covariance[k] /= count;
        return covariance;
    }

    /// <summary>The course's error of reconstructions <c>V Vᵀ (x − μ) + μ</c>: 0.5 · mean over examples of the squared distance.</summary>
    public static double ReconstructionError(float[] data, int count, int dimension, ReadOnlySpan<double> components, int componentCount, ReadOnlySpan<double> mean)
    {
        double total = 0;
        var centred = new double[dimension];
        for (int e = 0; e < count; e++)
        {
            for (int j = 0; j < dimension; j++)
                centred[j] = data[e * dimension + j] - mean[j];
            var reconstruction = new double[dimension];
            for (int c = 0; c < componentCount; c++)
            {
                double code = 0;
                for (int j = 0; j < dimension; j++)
                    code += components[c * dimension + j] * centred[j];
                for (int j = 0; j < dimension; j++)
                    reconstruction[j] += code * components[c * dimension + j];
            }
            for (int j = 0; j < dimension; j++)
                total += (reconstruction[j] - centred[j]) * (reconstruction[j] - centred[j]);
        }
        return 0.5 * total / count;
    }
}
