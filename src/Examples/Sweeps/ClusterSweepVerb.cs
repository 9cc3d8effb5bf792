using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mlp.Sweeps;
using Mlp.Sweeps.Cluster;
using Orleans;

namespace Mlp.Examples.Sweeps;

/// <summary>
/// <c>sweep … --cluster host:port</c>: submits the sweep to the Orleans cluster whose membership is in that Redis (or,
/// with <c>--attach id</c>, follows a running one), then writes the same outputs as a local sweep as results arrive.
/// </summary>
public static class ClusterSweepVerb
{
    /// <summary>Runs the request on the cluster; returns the exit code.</summary>
    public static int Run(SweepRequest request, AppConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(console);
        var clock = Stopwatch.StartNew();
        using IHost client = SweepClient.Connect(request.Cluster!);
        try
        {
            client.StartAsync(cancellationToken).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            console.Error.WriteLine($"error: no cluster answered at {request.Cluster} (is a silo running?): {e.Message.ReplaceLineEndings(" ")}");
            return ExamplesApp.FailureExitCode;
        }
        try
        {
            var sweeps = new SweepClient(client.Services.GetRequiredService<IClusterClient>(), SweepModels.Registry());
            string id = request.Attach ?? sweeps.SubmitAsync(request.Definition, cancellationToken).GetAwaiter().GetResult();
            SweepDefinition definition = sweeps.DefinitionAsync(id, cancellationToken).GetAwaiter().GetResult();
            string where = $"on the cluster at {request.Cluster}, sweep id {id}";
            var folder = new SweepFolder(request.OutputDirectory);
            SweepOutputs.Started(folder.Path, definition, definition.Expand(SweepModels.Registry()), where);
            console.Out.WriteLine($"Sweep {id} {(request.Attach is null ? "submitted" : "attached")} {where}; outputs in {folder.Path}");
            console.Out.WriteLine($"Re-attach later with: sweep --cluster {request.Cluster} --attach {id} --output {folder.Path}");
            console.Out.Flush();
            IReadOnlyList<TrialResult> results = console.Interactive
                ? SpectreSweepProgress.Run(console.Ansi, progress => sweeps.FollowAsync(id, folder, progress, cancellationToken).GetAwaiter().GetResult())
                : sweeps.FollowAsync(id, folder, new PlainSweepProgress(console.Out), cancellationToken).GetAwaiter().GetResult();
            string report = SweepOutputs.Finished(folder.Path, definition, results, where, clock.Elapsed.TotalSeconds);
            SweepVerb.PrintBest(console, new SweepTable(definition, results), report);
            return 0;
        }
        finally
        {
            client.StopAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
