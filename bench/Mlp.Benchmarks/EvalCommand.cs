using System.Diagnostics;
using System.Globalization;
using Mlp.Data;
using Mlp.Kernels;

namespace Mlp.Benchmarks;

/// <summary>
/// The <c>eval</c> verb: times the optimiser's evaluation pass (forward passes of 1,000 examples and the error sum)
/// over the 50,000 training images for the notebook's models, and prints one JSON line per model.
/// </summary>
/// <remarks>
/// <c>eval [--model ex1,ex2,ex4,wide] [--threads 1] [--repeats 5] [--warmup 1] [--data-dir DIR]</c>. The model is
/// freshly initialised (evaluation costs the same whatever the weights); the reported <c>seconds</c> is the median of
/// the timed passes.
/// </remarks>
public static class EvalCommand
{
    /// <summary>The verb's name on the command line.</summary>
    public const string Verb = "eval";

    /// <summary>Runs the verb with the arguments after it; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        string[] models = ["ex2"];
        int threads = 1, repeats = 5, warmup = 1;
        string? dataDirectory = null;
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--model": models = value.Split(','); break;
                case "--threads": threads = CommandLine.Threads(value); break;
                case "--repeats": repeats = CommandLine.Positive(value, "--repeats"); break;
                case "--warmup": warmup = CommandLine.NonNegative(value, "--warmup"); break;
                case "--data-dir": dataDirectory = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}; expected --model, --threads, --repeats, --warmup or --data-dir.");
            }
            i++;
        }
        KernelThreads.Count = threads;
        MnistData train = MnistData.Load(MnistSet.Train, dataDirectory);
        foreach (string model in models)
        {
            EpochWorkload workload = EpochWorkload.Create(model, train);
            for (int e = 0; e < warmup; e++)
                workload.Evaluate();
            var seconds = new double[repeats];
            double error = 0;
            for (int r = 0; r < repeats; r++)
            {
                long start = Stopwatch.GetTimestamp();
                error = workload.Evaluate();
                seconds[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            double median = CommandLine.Median(seconds);
            var line = new Dictionary<string, object>
            {
                ["impl"] = "mlp",
                ["exercise"] = "eval-" + model,
                ["threads"] = KernelThreads.Count,
                ["examples"] = workload.EvaluationExamples,
                ["batch_size"] = 1000,
                ["seconds"] = Math.Round(median, 5),
                ["gflops"] = Math.Round(workload.FlopsPerEvaluation / median / 1e9, 1),
                ["error"] = error,
                ["sharing_pauses"] = KernelThreads.SharingPauses,
                ["pass_seconds"] = seconds.Select(s => Math.Round(s, 5)).ToArray(),
            };
            JsonLine.Print(line);
        }
        return 0;
    }
}
