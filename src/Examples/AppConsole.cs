using Spectre.Console;

namespace Mlp.Examples;

/// <summary>
/// Where the app writes: plain writers for log lines and errors, a Spectre.Console console for progress bars and
/// tables, and whether the terminal is interactive (Spectre's live progress prints nothing when output is redirected).
/// </summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error: one-line errors.</param>
/// <param name="Ansi">The Spectre.Console console writing to standard output.</param>
/// <param name="Interactive">True when progress bars and rich tables can be shown.</param>
public sealed record AppConsole(TextWriter Out, TextWriter Error, IAnsiConsole Ansi, bool Interactive)
{
    /// <summary>The process's console; interactive when standard output is a terminal Spectre can drive.</summary>
    public static AppConsole System() => new(
        Console.Out,
        Console.Error,
        AnsiConsole.Console,
        !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive);
}
