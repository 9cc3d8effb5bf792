using System.Globalization;

namespace Mlp.InferenceSample;

/// <summary>The command line: <c>Mlp.InferenceSample MODEL.safetensors [--data-dir DIR] [--once] [--repeat N]</c>.</summary>
internal sealed record SampleOptions(string ModelPath, string? DataDirectory, bool Once, int Repeat)
{
    /// <summary>Batch-1 Forward calls timed by default; batch-1,000 calls are a fiftieth of it (at least 5).</summary>
    public const int DefaultRepeat = 20_000;

    public const string Usage = """
        usage: Mlp.InferenceSample MODEL.safetensors [--data-dir DIR] [--once] [--repeat N]
          MODEL.safetensors  a trained Affine(784, 50) -> Relu -> Affine(50, 784) -> Sigmoid autoencoder
                             (the notebook writes out/ex2-non-linear-autoencoder.safetensors)
          --data-dir DIR     the folder of MNIST's gzipped IDX files (default: MLP_DATA_DIR, else data/mnist above here)
          --once             load the model, run one batch-1 Forward on a fixed input, print its hash and exit
                             (what a start-up measurement times)
          --repeat N         batch-1 Forward calls to time (default 20000)
        """;

    /// <summary>Parses <paramref name="args"/>; a bad command line is an <see cref="ArgumentException"/> saying what is wrong.</summary>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        string? model = null, dataDirectory = null;
        bool once = false;
        int repeat = DefaultRepeat;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--data-dir":
                    dataDirectory = ValueOf(args, ref i);
                    break;
                case "--once":
                    once = true;
                    break;
                case "--repeat":
                    string text = ValueOf(args, ref i);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out repeat) || repeat < 1)
                        throw new ArgumentException($"--repeat must be a whole number of at least 1, got '{text}'");
                    break;
                case var option when option.StartsWith('-'):
                    throw new ArgumentException($"unknown option '{option}'");
                default:
                    if (model is not null)
                        throw new ArgumentException($"one model file expected, got '{model}' and '{args[i]}'");
                    model = args[i];
                    break;
            }
        }
        if (model is null)
            throw new ArgumentException("no model file given");
        return new SampleOptions(model, dataDirectory, once, repeat);
    }

    private static string ValueOf(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
            throw new ArgumentException($"{args[i]} needs a value");
        return args[++i];
    }
}
