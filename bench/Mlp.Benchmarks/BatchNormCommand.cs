using System.Diagnostics;
using Mlp.Data;
using Mlp.Errors;
using Mlp.Kernels;
using Mlp.LearningRules;
using Mlp.Training;

namespace Mlp.Benchmarks;

/// <summary>The classifier of the <c>batchnorm</c> verb without batch normalisation, 784-100-10.</summary>
[Affine(784, 100)] [Relu] [Affine(100, 10)]
public partial class PlainClassifier;

/// <summary>The same classifier with BatchNorm between the first Affine layer and its ReLU.</summary>
[Affine(784, 100)] [BatchNorm] [Relu] [Affine(100, 10)]
public partial class BatchNormClassifier;

/// <summary>
/// The <c>batchnorm</c> verb: trains the 784-100-10 ReLU classifier with and without <c>[BatchNorm]</c> on MNIST
/// (same seed, data order and learning rule: softmax cross-entropy, gradient descent) and prints one JSON line per
/// model: the validation error and accuracy after each epoch, the test accuracy at the end, and the time per epoch.
/// </summary>
/// <remarks>
/// <c>batchnorm [--epochs 5] [--batch-size 50] [--lr 0.1] [--seed 123] [--threads N] [--data-dir DIR]</c>. Test
/// accuracy is measured once, after the last epoch, with the running statistics (evaluation mode).
/// </remarks>
public static class BatchNormCommand
{
    /// <summary>The verb's name on the command line.</summary>
    public const string Verb = "batchnorm";

    /// <summary>Runs the verb with the arguments after it; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        int epochs = 5, batchSize = 50, seed = 123;
        double learningRate = 0.1;
        string? dataDirectory = null;
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--epochs": epochs = CommandLine.Positive(value, "--epochs"); break;
                case "--batch-size": batchSize = CommandLine.Positive(value, "--batch-size"); break;
                case "--lr": learningRate = double.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
                case "--seed": seed = CommandLine.NonNegative(value, "--seed"); break;
                case "--threads": KernelThreads.Count = CommandLine.Threads(value); break;
                case "--data-dir": dataDirectory = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}; expected --epochs, --batch-size, --lr, --seed, --threads or --data-dir.");
            }
            i++;
        }
        MnistData train = MnistData.Load(MnistSet.Train, dataDirectory), valid = MnistData.Load(MnistSet.Valid, dataDirectory);
        MnistData test = MnistData.Load(MnistSet.Test, dataDirectory);
        foreach (IModel model in new IModel[] { new PlainClassifier(seed), new BatchNormClassifier(seed) })
        {
            var optimiser = new Optimiser(model, new CrossEntropySoftmaxError(), new GradientDescentLearningRule(learningRate),
                new MnistDataProvider(train, batchSize, seed: seed), new MnistDataProvider(valid, 1000, shuffleOrder: false),
                monitors: [new ClassificationAccuracy()]);
            long start = Stopwatch.GetTimestamp();
            RunStatistics run = optimiser.Train(epochs, statsInterval: 1);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            IReadOnlyDictionary<string, double> testStatistics = optimiser.Evaluate(new MnistDataProvider(test, 1000, shuffleOrder: false));
            JsonLine.Print(new Dictionary<string, object>
            {
                ["model"] = model.Architecture,
                ["epochs"] = epochs,
                ["batch_size"] = batchSize,
                ["learning_rate"] = learningRate,
                ["seed"] = seed,
                ["threads"] = KernelThreads.Count,
                ["valid_error"] = run.Column("error(valid)").Skip(1).Select(v => Math.Round(v, 4)).ToArray(),
                ["valid_acc"] = run.Column("acc(valid)").Skip(1).Select(v => Math.Round(v, 4)).ToArray(),
                ["test_acc"] = Math.Round(testStatistics["acc"], 4),
                ["seconds_per_epoch"] = Math.Round(run.MeanSecondsPerEpoch, 2),
                ["seconds"] = Math.Round(seconds, 1),
            });
        }
        return 0;
    }
}
