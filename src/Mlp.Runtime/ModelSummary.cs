using System.Globalization;
using System.Text;

namespace Mlp;

/// <summary>A table of a model's layers, output shapes and parameter counts, like Keras' <c>summary()</c> or torchinfo.</summary>
public static class ModelSummary
{
    private static readonly string[] Headings = ["Layer", "Declaration", "Output shape", "Parameters"];

    /// <summary>
    /// Describes <paramref name="model"/> from its generated layer table: one row per layer (index, declaration,
    /// output shape, parameter count) after a row for the input, then the total, its size as float32 and how
    /// much of it is trainable and frozen, and for models with BatchNorm layers the state that is not trained. Lines end
    /// with <c>\n</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// Layer  Declaration      Output shape  Parameters
    /// ------------------------------------------------
    /// input                   (batch, 784)
    /// 0      Affine(784, 50)  (batch, 50)       39,250
    /// 1      Relu             (batch, 50)            0
    /// 2      Affine(50, 784)  (batch, 784)      39,984
    /// 3      Sigmoid          (batch, 784)           0
    /// ================================================
    /// Total parameters: 79,234 (309.5 KiB as float32)
    /// Trainable parameters: 79,234
    /// Frozen parameters: 0
    /// </code>
    /// </example>
    /// <param name="model">The model to describe.</param>
    public static string Summary(this IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<string[]> { new[] { "input", "", Shape(model.InputDim), "" } };
        long total = 0;
        foreach (LayerInfo layer in model.Layers)
        {
            rows.Add([Number(layer.Index), layer.ToString(), Shape(layer.OutputDim), Number(layer.ParameterCount)]);
            total += layer.ParameterCount;
        }
        long frozen = 0;
        foreach (Parameter p in model.Parameters)
            if (p.IsFrozen) frozen += p.Length;

        int[] widths = new int[Headings.Length];
        foreach (string[] row in rows.Prepend(Headings))
            for (int c = 0; c < widths.Length; c++)
                widths[c] = Math.Max(widths[c], row[c].Length);
        int tableWidth = widths.Sum() + 2 * (widths.Length - 1);

        var text = new StringBuilder();
        AppendRow(text, Headings, widths);
        text.Append('-', tableWidth).Append('\n');
        foreach (string[] row in rows)
            AppendRow(text, row, widths);
        text.Append('=', tableWidth).Append('\n');
        text.Append("Total parameters: ").Append(Number(total)).Append(" (").Append(Size(total * sizeof(float))).Append(" as float32)\n");
        text.Append("Trainable parameters: ").Append(Number(total - frozen)).Append('\n');
        text.Append("Frozen parameters: ").Append(Number(frozen)).Append('\n');
        // BatchNorm's running statistics: saved with the parameters, but not trained.
        long state = model.StateTensors.Sum(t => (long)t.Length);
        if (state > 0)
            text.Append("State (not trained): ").Append(Number(state)).Append(" values (").Append(Size(state * sizeof(float))).Append(" as float32)\n");
        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] row, int[] widths)
    {
        var line = new StringBuilder();
        for (int c = 0; c < row.Length; c++)
        {
            if (c > 0) line.Append("  ");
            // The parameter column is numeric, so it is right-aligned; the others read left to right.
            if (c == row.Length - 1) line.Append(row[c].PadLeft(widths[c]));
            else line.Append(row[c].PadRight(widths[c]));
        }
        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static string Shape(int features) => string.Create(CultureInfo.InvariantCulture, $"(batch, {features})");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{Number(bytes)} bytes",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F1} MiB"),
    };
}
