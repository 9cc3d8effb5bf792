namespace Mlp.Benchmarks;

/// <summary>Seeded inputs and targets shaped like MNIST batches.</summary>
public static class BenchmarkData
{
    /// <summary><paramref name="count"/> values uniform in [0, 1).</summary>
    public static float[] Uniform(int count, long seed)
    {
        var values = new float[count];
        new RandomGenerator(seed).FillUniform(values, 0f, 1f);
        return values;
    }

    /// <summary>
    /// MNIST-like images: about a fifth of the pixels lit, uniform in (0, 1], the rest 0. Dense uniform inputs
    /// make the linear autoencoder diverge at the course's learning rate, and a benchmark that ends up
    /// multiplying NaNs measures nothing real.
    /// </summary>
    public static float[] Pixels(int count, long seed)
    {
        var random = new RandomGenerator(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
            values[i] = random.NextSingle() < 0.2f ? 1f - random.NextSingle() : 0f;
        return values;
    }

    /// <summary>One-of-k targets for <paramref name="batchSize"/> examples of <paramref name="classes"/> classes.</summary>
    public static float[] OneOfK(int batchSize, int classes, long seed)
    {
        var random = new RandomGenerator(seed);
        var targets = new float[batchSize * classes];
        for (int i = 0; i < batchSize; i++)
            targets[i * classes + random.NextInt32(classes)] = 1f;
        return targets;
    }
}
