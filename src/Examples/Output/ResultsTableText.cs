using System.Text;
using Mlp.Examples.Results;

namespace Mlp.Examples.Output;

/// <summary>Renders a <see cref="ResultsTable"/> as aligned plain text (for logs) or as a Markdown table (for <c>report.md</c>).</summary>
public static class ResultsTableText
{
    /// <summary>Columns padded to their widest cell, two spaces apart, numbers right-aligned, a dashed rule under the headers.</summary>
    public static string Plain(ResultsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int columns = table.Headers.Count;
        var widths = Enumerable.Range(0, columns)
            .Select(c => table.Rows.Select(r => r[c].Length).Prepend(table.Headers[c].Length).Max())
            .ToArray();
        var text = new StringBuilder();
        AppendLine(text, table.Headers, widths, table);
        AppendLine(text, widths.Select(w => new string('-', w)).ToList(), widths, table);
        foreach (IReadOnlyList<string> row in table.Rows)
            AppendLine(text, row, widths, table);
        return text.ToString();
    }

    /// <summary>A GitHub-flavoured Markdown table, numeric columns right-aligned.</summary>
    public static string Markdown(ResultsTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", table.Headers.Select(Escape)).Append(" |\n");
        text.Append('|').AppendJoin('|', Enumerable.Range(0, table.Headers.Count).Select(c => table.IsNumeric(c) ? "---:" : "---")).Append("|\n");
        foreach (IReadOnlyList<string> row in table.Rows)
            text.Append("| ").AppendJoin(" | ", row.Select(Escape)).Append(" |\n");
        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths, ResultsTable table)
    {
        var line = new StringBuilder();
        for (int c = 0; c < cells.Count; c++)
        {
            if (c > 0)
                line.Append("  ");
            line.Append(table.IsNumeric(c) ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|");
}
