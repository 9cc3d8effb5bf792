using Mlp.Examples.Results;
using Spectre.Console;

namespace Mlp.Examples.Output;

/// <summary>
/// Prints the results table: a Spectre.Console table on an interactive terminal (split into an error table and an
/// accuracy table when the terminal is too narrow for one), aligned plain text otherwise.
/// </summary>
public static class ResultsTablePrinter
{
    /// <summary>Prints <paramref name="table"/> to <paramref name="console"/>.</summary>
    public static void Print(ResultsTable table, AppConsole console)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(console);
        if (!console.Interactive)
        {
            console.Out.Write(ResultsTableText.Plain(table));
            return;
        }
        if (Width(table) <= console.Ansi.Profile.Width)
        {
            console.Ansi.Write(ToSpectre(table));
            return;
        }
        foreach (ResultsTable part in table.SplitErrorsAndAccuracies())
            console.Ansi.Write(ToSpectre(part, narrow: true));
    }

    /// <summary>The Spectre.Console table of <paramref name="table"/>, numeric columns right-aligned.</summary>
    /// <param name="table">The table.</param>
    /// <param name="narrow">Whether to fit a narrow console: numeric columns as wide as their figures (and their headers' words), headers wrapped.</param>
    public static Table ToSpectre(ResultsTable table, bool narrow = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var spectre = new Table().Border(TableBorder.Rounded).Title("Results");
        for (int c = 0; c < table.Headers.Count; c++)
        {
            var column = new TableColumn(Markup.Escape(table.Headers[c]));
            if (table.IsNumeric(c))
            {
                column.RightAligned();
                // Figures keep their width, so they never break across lines; headers and titles wrap instead.
                if (narrow)
                    column.Width(table.Rows.Select(r => r[c].Length).Concat(table.Headers[c].Split(' ').Select(w => w.Length)).Max());
            }
            spectre.AddColumn(column);
        }
        foreach (IReadOnlyList<string> row in table.Rows)
            spectre.AddRow(row.Select(Markup.Escape).ToArray());
        return spectre;
    }

    // The characters the rounded table needs on one line: each column's widest cell, a space either side, and the borders.
    private static int Width(ResultsTable table) =>
        1 + Enumerable.Range(0, table.Headers.Count).Sum(c => 3 + table.Rows.Select(r => r[c].Length).Prepend(table.Headers[c].Length).Max());
}
