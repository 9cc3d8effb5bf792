using System.Diagnostics;
using Mlp.Data;
using Mlp.Kernels;

namespace Mlp.Benchmarks;

/// <summary>
/// The <c>epoch</c> verb: times training epochs of the notebook's runs through the real runtime and prints one JSON
/// line per exercise, shaped like the anchor scripts' lines (<c>train_seconds_per_epoch</c> among them), so that
/// <c>bench/compare.sh</c> can put them side by side.
/// </summary>
/// <remarks>
/// <c>epoch [--exercise ex1,ex2,ex4,wide] [--threads 1|N|all] [--epochs 3] [--warmup 1] [--data-dir DIR]</c>. Warm-up epochs
/// (untimed) let the JIT finish tiering up; the reported time is the mean of the timed epochs, as in the anchors.
/// </remarks>
public static class EpochCommand
{
    /// <summary>The verb's name on the command line.</summary>
    public const string Verb = "epoch";

    /// <summary>Runs the verb with the arguments after it; returns the process exit code.</summary>
    public static int Run(IReadOnlyList<string> args)
    {
        string[] exercises = ["ex1", "ex2"];
        int threads = 1, epochs = 3, warmup = 1;
        string? dataDirectory = null;
        for (int i = 0; i < args.Count; i++)
        {
            string value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--exercise": exercises = value.Split(','); break;
                case "--threads": threads = CommandLine.Threads(value); break;
                case "--epochs": epochs = CommandLine.Positive(value, "--epochs"); break;
                case "--warmup": warmup = CommandLine.NonNegative(value, "--warmup"); break;
                case "--data-dir": dataDirectory = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}; expected --exercise, --threads, --epochs, --warmup or --data-dir.");
            }
            i++;
        }
        KernelThreads.Count = threads;
        MnistData train = MnistData.Load(MnistSet.Train, dataDirectory);
        foreach (string exercise in exercises)
        {
            EpochWorkload workload = EpochWorkload.Create(exercise, train);
            for (int e = 0; e < warmup; e++)
                workload.RunEpoch();
            var seconds = new double[epochs];
            long pauses = KernelThreads.SharingPauses;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            for (int e = 0; e < epochs; e++)
            {
                long start = Stopwatch.GetTimestamp();
                workload.RunEpoch();
                seconds[e] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            double mean = seconds.Average();
            var line = new Dictionary<string, object>
            {
                ["impl"] = "mlp",
                ["exercise"] = exercise,
                ["epochs"] = epochs,
                ["warmup_epochs"] = warmup,
                ["batch_size"] = exercise == "wide" ? EpochWorkload.WideBatchSize : EpochWorkload.BatchSize,
                ["steps_per_epoch"] = workload.StepsPerEpoch,
                ["seconds_per_step"] = Math.Round(mean / workload.StepsPerEpoch, 7),
                ["threads"] = KernelThreads.Count,
                ["train_seconds_per_epoch"] = Math.Round(mean, 4),
                ["gflops"] = Math.Round(workload.FlopsPerEpoch / mean / 1e9, 1),
                ["allocated_bytes_per_epoch"] = allocated / epochs,
                ["sharing_pauses"] = KernelThreads.SharingPauses - pauses,
                ["median_seconds_per_step"] = Math.Round(CommandLine.Median(seconds) / workload.StepsPerEpoch, 7),
                ["epoch_seconds"] = seconds.Select(s => Math.Round(s, 4)).ToArray(),
            };
            JsonLine.Print(line);
        }
        return 0;
    }
}
