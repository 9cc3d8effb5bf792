namespace Mlp.Examples.Tests.Support;

/// <summary>Data sets of known structure, drawn with the project's random generator.</summary>
public static class SyntheticData
{
    /// <summary>
    /// <paramref name="count"/> examples <c>μ + Σ_c s_c z_c u_c + noise</c>: orthonormal directions <c>u_c</c> (returned,
    /// row-major), standard deviations <paramref name="scales"/>, standard normal <c>z</c>, Gaussian noise of deviation <paramref name="noise"/>.
    /// </summary>
    public static (float[] Data, double[] Directions, double[] Mean) LowRank(int count, int dimension, double[] scales, double noise, long seed)
    {
        var random = new RandomGenerator(seed);
        double[] directions = Orthonormal(scales.Length, dimension, random);
        var mean = new double[dimension];
        for (int j = 0; j < dimension; j++)
            mean[j] = 0.5 + 0.25 * random.NextDouble();
        var data = new float[count * dimension];
        var z = new double[scales.Length];
        for (int e = 0; e < count; e++)
        {
            for (int c = 0; c < scales.Length; c++)
                z[c] = scales[c] * random.NextGaussian();
            for (int j = 0; j < dimension; j++)
            {
                double x = mean[j] + noise * random.NextGaussian();
                for (int c = 0; c < scales.Length; c++)
                    x += z[c] * directions[c * dimension + j];
                data[e * dimension + j] = (float)x;
            }
        }
        return (data, directions, mean);
    }

    /// <summary>Uniform values in [0, 1): a data set with no particular structure.</summary>
    public static float[] Uniform(int count, int dimension, long seed)
    {
        var data = new float[count * dimension];
        new RandomGenerator(seed).FillUniform(data, 0, 1);
        return data;
    }

    // Gram–Schmidt on Gaussian vectors, in double.
    private static double[] Orthonormal(int count, int dimension, RandomGenerator random)
    {
        var vectors = new double[count * dimension];
        for (int c = 0; c < count; c++)
        {
            var v = vectors.AsSpan(c * dimension, dimension);
            for (int j = 0; j < dimension; j++)
                v[j] = random.NextGaussian();
            for (int p = 0; p < c; p++)
            {
                var u = vectors.AsSpan(p * dimension, dimension);
                double dot = 0;
                for (int j = 0; j < dimension; j++)
                    dot += u[j] * v[j];
                for (int j = 0; j < dimension; j++)
                    v[j] -= dot * u[j];
            }
            double norm = 0;
            for (int j = 0; j < dimension; j++)
                norm += v[j] * v[j];
            norm = Math.Sqrt(norm);
            for (int j = 0; j < dimension; j++)
                v[j] /= norm;
        }
        return vectors;
    }
}
