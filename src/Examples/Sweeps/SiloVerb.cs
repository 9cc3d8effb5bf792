using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mlp.Examples.Options;
using Mlp.Sweeps.Cluster;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// The <c>silo</c> verb: runs an Orleans silo that trains sweep trials with this app's models, joining the cluster whose
/// membership is in <c>--redis</c>. It listens on 127.0.0.1 unless <c>--listen</c> says otherwise, prints
/// <c>silo ready</c> once it has joined, and stops cleanly on SIGTERM or Ctrl+C.
/// </summary>
public static class SiloVerb
{
    /// <summary>The verb's name.</summary>
    public const string Name = "silo";

    /// <summary>The line printed once the silo has joined the cluster.</summary>
    public const string ReadyLine = "silo ready";

    /// <summary>Runs the verb with <paramref name="args"/> (after its name); returns the exit code.</summary>
    public static int Run(string[] args, AppConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var redis = new Option<string>("--redis") { Description = "Redis host:port holding the cluster's membership, state and reminders", DefaultValueFactory = _ => "127.0.0.1:6379" };
        var listen = new Option<string>("--listen") { Description = "Address to listen on and advertise", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port for other silos", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port for clients", DefaultValueFactory = _ => 30000 };
        var parallel = new Option<int>("--parallel") { Description = "Trials trained at once (one per core by default)", DefaultValueFactory = _ => Mlp.Kernels.KernelThreads.DefaultCount };
        var dataDirectory = new Option<string>("--data-dir") { Description = "Folder holding MNIST's gzipped IDX files", DefaultValueFactory = _ => ExampleOptions.DefaultDataDirectory };
        var clusterId = new Option<string>("--cluster-id") { Description = "The cluster's id (silos and clients must agree)", DefaultValueFactory = _ => ClusterTuning.DefaultClusterId };
        var command = new RootCommand("Runs an Orleans silo that trains sweep trials (see sweep --cluster).") { redis, listen, port, gatewayPort, parallel, dataDirectory, clusterId };
        ParseResult result = command.Parse(args);
        if (result.Errors.Count > 0)
            return Fail(console, string.Join("; ", result.Errors.Select(e => e.Message)));
        if (result.Action is not null)
            return result.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
        if (!IPAddress.TryParse(result.GetValue(listen), out IPAddress? address))
            return Fail(console, $"--listen: '{result.GetValue(listen)}' is not an IP address");
        foreach (var (flag, value) in new[] { ("--port", result.GetValue(port)), ("--gateway-port", result.GetValue(gatewayPort)) })
            if (value is < 1 or > 65535)
                return Fail(console, $"{flag} must be from 1 to 65535, got {value}");
        if (result.GetValue(parallel) < 1)
            return Fail(console, $"--parallel must be at least 1, got {result.GetValue(parallel)}");
        string? dataError = DataFolder.Resolve(result.GetValue(dataDirectory)!, out string dataPath);
        if (dataError is not null)
            return Fail(console, dataError);

        var settings = new SiloSettings(result.GetValue(redis)!, address, result.GetValue(port), result.GetValue(gatewayPort), result.GetValue(parallel), dataPath,
            result.GetValue(clusterId)!);
        using IHost host = SiloHost.Build(settings, SweepModels.Registry(), logging => logging
            .AddSimpleConsole(o => o.SingleLine = true)
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Mlp", LogLevel.Information));
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
        try
        {
            host.StartAsync(stop.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Error.WriteLine($"error: the silo could not join the cluster at {settings.Redis}: {e.Message.ReplaceLineEndings(" ")}");
            return ExamplesApp.FailureExitCode;
        }
        console.Out.WriteLine($"{ReadyLine}: {address}:{settings.SiloPort} (gateway {settings.GatewayPort}), cluster {settings.ClusterId}, Redis {settings.Redis}, {settings.Parallelism} trials at a time");
        console.Out.Flush();
        stop.Token.WaitHandle.WaitOne();
        // A graceful stop hands the silo's grains over; their trials resume elsewhere from their checkpoints.
        host.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        console.Out.WriteLine("silo stopped");
        return 0;
    }

    private static int Fail(AppConsole console, string message)
    {
        console.Error.WriteLine($"error: {message.ReplaceLineEndings(" ")} (see silo --help)");
        return OptionsParser.UsageExitCode;
    }
}
