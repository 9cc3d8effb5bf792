using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Mlp.Benchmarks;

if (args.Length > 0 && args[0] == EpochCommand.Verb)
    return EpochCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == EvalCommand.Verb)
    return EvalCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == BatchNormCommand.Verb)
    return BatchNormCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == InfoCommand.Verb)
    return InfoCommand.Run();

// A short job by default: the machine is small and shared, so runs must stay minutes long;
// pass BenchmarkDotNet's own options (e.g. --job default, --filter *Gemm*) to change that.
var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(9).AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddColumn(new GflopsColumn());
BenchmarkSwitcher.FromAssembly(typeof(GflopsColumn).Assembly).Run(args, config);
return 0;
