using Mlp.Examples.Results;
using Spectre.Console;

namespace Mlp.Examples.Output;

/// <summary>Prints the results table: a Spectre.Console table on an interactive terminal, aligned plain text otherwise.</summary>
public static class ResultsTablePrinter
{
    /// <summary>Prints <paramref name="table"/> to <paramref name="console"/>.</summary>
    public static void Print(ResultsTable table, AppConsole console)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(console);
        if (console.Interactive)
            console.Ansi.Write(ToSpectre(table));
        else
            console.Out.Write(ResultsTableText.Plain(table));
    }

    /// <summary>The Spectre.Console table of <paramref name="table"/>, numeric columns right-aligned.</summary>
    public static Table ToSpectre(ResultsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var spectre = new Table().Border(TableBorder.Rounded).Title("Results");
        for (int c = 0; c < table.Headers.Count; c++)
        {
            var column = new TableColumn(Markup.Escape(table.Headers[c]));
            spectre.AddColumn(table.IsNumeric(c) ? column.RightAligned() : column);
        }
        foreach (IReadOnlyList<string> row in table.Rows)
            spectre.AddRow(row.Select(Markup.Escape).ToArray());
        return spectre;
    }
}
