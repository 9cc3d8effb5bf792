namespace Mlp.Examples.Sweeps;

/// <summary>Dispatches the sweep verbs (<c>sweep</c>, <c>silo</c>); any other first argument is the notebook's.</summary>
public static class SweepVerbs
{
    /// <summary>Runs the verb named by <paramref name="args"/>[0] if it is one of these; false when it is not.</summary>
    public static bool TryRun(string[] args, AppConsole console, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        exitCode = args.Length == 0 ? -1 : args[0] switch
        {
            SweepVerb.Name => SweepVerb.Run(args[1..], console),
            SiloVerb.Name => SiloVerb.Run(args[1..], console),
            _ => -1,
        };
        return exitCode != -1;
    }
}
