using Mlp.Errors;

namespace Mlp.Tests.Errors;

/// <summary>
/// Each error function with a double-precision reference of the course's formula, written here independently as
/// plain loops, and inputs of the kind it expects.
/// </summary>
internal sealed record ErrorCase(
    IError Error,
    Func<double[], double[], int, double> Reference,
    Func<int, int, long, float[]> Outputs,
    Func<int, int, long, float[]> Targets)
{
    public static readonly string[] Names =
    [
        nameof(SumOfSquaredDiffsError), nameof(BinaryCrossEntropyError), nameof(BinaryCrossEntropySigmoidError),
        nameof(CrossEntropyError), nameof(CrossEntropySoftmaxError),
    ];

    public static IEnumerable<object[]> All => Names.Select(n => new object[] { n });

    public static ErrorCase Get(string name) => name switch
    {
        nameof(SumOfSquaredDiffsError) => new(new SumOfSquaredDiffsError(), SumOfSquaredDiffs,
            (rows, width, seed) => TestData.Uniform(rows * width, -2, 2, seed),
            (rows, width, seed) => TestData.Uniform(rows * width, -2, 2, seed)),
        nameof(BinaryCrossEntropyError) => new(new BinaryCrossEntropyError(), BinaryCrossEntropy,
            (rows, width, seed) => TestData.Uniform(rows * width, 0.05, 0.95, seed),
            (rows, width, seed) => TestData.Uniform(rows * width, 0, 1, seed)),
        nameof(BinaryCrossEntropySigmoidError) => new(new BinaryCrossEntropySigmoidError(), BinaryCrossEntropySigmoid,
            (rows, width, seed) => TestData.Uniform(rows * width, -4, 4, seed),
            (rows, width, seed) => TestData.Uniform(rows * width, 0, 1, seed)),
        nameof(CrossEntropyError) => new(new CrossEntropyError(), CrossEntropy, Probabilities,
            (rows, width, seed) => TestData.Uniform(rows * width, 0, 1, seed)),
        nameof(CrossEntropySoftmaxError) => new(new CrossEntropySoftmaxError(), CrossEntropySoftmax,
            (rows, width, seed) => TestData.Uniform(rows * width, -4, 4, seed),
            TestData.OneHot),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown error."),
    };

    private static double SumOfSquaredDiffs(double[] y, double[] t, int batch)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
            sum += (y[i] - t[i]) * (y[i] - t[i]);
        return 0.5 * sum / batch;
    }

    private static double BinaryCrossEntropy(double[] y, double[] t, int batch)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
            sum += t[i] * Math.Log(y[i]) + (1 - t[i]) * Math.Log(1 - y[i]);
        return -sum / batch;
    }

    private static double BinaryCrossEntropySigmoid(double[] y, double[] t, int batch)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double p = 1 / (1 + Math.Exp(-y[i]));
            sum += t[i] * Math.Log(p) + (1 - t[i]) * Math.Log(1 - p);
        }
        return -sum / batch;
    }

    private static double CrossEntropy(double[] y, double[] t, int batch)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++)
            sum += t[i] * Math.Log(y[i]);
        return -sum / batch;
    }

    private static double CrossEntropySoftmax(double[] y, double[] t, int batch)
    {
        int width = y.Length / batch;
        double sum = 0;
        for (int r = 0; r < batch; r++)
        {
            double normaliser = 0;
            for (int j = 0; j < width; j++)
                normaliser += Math.Exp(y[r * width + j]);
            for (int j = 0; j < width; j++)
                sum += t[r * width + j] * Math.Log(Math.Exp(y[r * width + j]) / normaliser);
        }
        return -sum / batch;
    }

    // Rows of positive values summing to 1, like a softmax layer's outputs.
    private static float[] Probabilities(int rows, int width, long seed)
    {
        float[] values = TestData.Uniform(rows * width, 0.1, 1, seed);
        for (int r = 0; r < rows; r++)
        {
            Span<float> row = values.AsSpan(r * width, width);
            float total = 0;
            foreach (float v in row)
                total += v;
            for (int j = 0; j < width; j++)
                row[j] /= total;
        }
        return values;
    }
}
