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
