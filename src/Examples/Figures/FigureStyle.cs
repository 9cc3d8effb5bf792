using ScottPlot;

namespace Mlp.Examples.Figures;

/// <summary>The look shared by every figure: a sans-serif font that exists headless, and a bold title.</summary>
internal static class FigureStyle
{
    // ScottPlot's default on a bare Linux machine resolves to a serif face; DejaVu Sans comes with fonts-dejavu-core.
    private const string PreferredFont = "DejaVu Sans";

    // GetTypeface falls back to another family when one is missing, so compare the family it found.
    private static readonly string Font =
        Fonts.GetTypeface(PreferredFont, false, false)?.FamilyName == PreferredFont ? PreferredFont : Fonts.Sans;

    /// <summary>
    /// Held while a figure renders: the notebook's parts draw their figures from several threads, and ScottPlot and
    /// SkiaSharp share font caches that are not documented as thread-safe. Rendering is a small part of a run.
    /// </summary>
    public static readonly Lock Rendering = new();

    /// <summary>Applies the font to every label of <paramref name="plot"/> and sets its title (none when null or empty).</summary>
    public static void Apply(Plot plot, string? title)
    {
        plot.Font.Set(Font);
        if (!string.IsNullOrEmpty(title))
        {
            plot.Title(title, size: 16);
            plot.Axes.Title.Label.Bold = true;
        }
    }
}
