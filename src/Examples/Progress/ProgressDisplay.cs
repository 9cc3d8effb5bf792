namespace Mlp.Examples.Progress;

/// <summary>Chooses the progress display for a console.</summary>
public static class ProgressDisplay
{
    /// <summary>Progress bars on an interactive terminal, plain log lines otherwise.</summary>
    public static IProgressDisplay For(AppConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return console.Interactive ? new SpectreProgressDisplay(console.Ansi) : new PlainProgressDisplay(console.Out);
    }
}
