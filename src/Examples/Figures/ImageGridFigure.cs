using ScottPlot;

namespace Mlp.Examples.Figures;

/// <summary>
/// The notebook's <c>show_batch_of_images</c> as a PNG: labelled rows of small grey images (e.g. originals above their
/// reconstructions), drawn as one pixel-exact bitmap scaled by a whole factor without smoothing, so every image
/// pixel is a crisp <see cref="Scale"/> × <see cref="Scale"/> square. Values are shown as the notebook's
/// <c>imshow(cmap='Greys', vmin=0, vmax=1)</c> shows them: 0 white, 1 black, values outside [0, 1] at the nearer end,
/// NaN in the grey of the gaps. Weights and components, which have no natural range, are drawn with
/// <see cref="ImageColourScale.Symmetric"/>: each image on a diverging scale from −max|value| (blue) through 0 (white)
/// to +max|value| (red).
/// </summary>
public static class ImageGridFigure
{
    /// <summary>Image pixels between neighbouring images and around the grid, before scaling.</summary>
    public const int Gap = 2;

    /// <summary>Screen pixels per image pixel.</summary>
    public const int Scale = 3;

    /// <summary>Pixels above the grid, where the title goes (kept without a title, so figures compare).</summary>
    public const int TopPadding = 40;

    /// <summary>Pixels below and right of the grid.</summary>
    public const int EdgePadding = 8;

    /// <summary>The grey of the gaps between images, as a byte (0 black, 255 white).</summary>
    public const byte GapGrey = 205;

    /// <summary>Renders the grid as PNG bytes.</summary>
    /// <param name="title">The figure's title; none when null or empty.</param>
    /// <param name="rows">The rows, top to bottom; at least one, each with at least one image.</param>
    /// <param name="imageHeight">The height of an image in pixels.</param>
    /// <param name="imageWidth">The width of an image in pixels.</param>
    /// <param name="size">Receives the PNG's size.</param>
    /// <param name="scale">How values become colours.</param>
    public static byte[] RenderPng(string? title, IReadOnlyList<ImageRow> rows, int imageHeight, int imageWidth, out FigureSize size,
        ImageColourScale scale = ImageColourScale.Greys)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageWidth, 1);
        if (rows.Count == 0)
            throw new ArgumentException("An image grid needs at least one row.", nameof(rows));
        for (int r = 0; r < rows.Count; r++)
        {
            ImageRow row = rows[r];
            if (row.Count < 1)
                throw new ArgumentException($"Row {r} ('{row.Label}') has no images.", nameof(rows));
            if (row.Pixels.Length != (long)row.Count * imageHeight * imageWidth)
                throw new ArgumentException(
                    $"Row {r} ('{row.Label}') holds {row.Pixels.Length} values, not {row.Count} images of {imageHeight} × {imageWidth}.", nameof(rows));
        }

        lock (FigureStyle.Rendering)
            return Render(title, rows, imageHeight, imageWidth, out size, scale);
    }

    private static byte[] Render(string? title, IReadOnlyList<ImageRow> rows, int imageHeight, int imageWidth, out FigureSize size, ImageColourScale scale)
    {
        byte[,] bitmap = Tile(rows, imageHeight, imageWidth);
        int gridHeight = bitmap.GetLength(0), gridWidth = bitmap.GetLength(1);

        using var plot = new Plot();
        FigureStyle.Apply(plot, title);
        using SkiaSharp.SKBitmap? colour = scale == ImageColourScale.Symmetric ? SymmetricBitmap(rows, imageHeight, imageWidth, gridHeight, gridWidth) : null;
        using Image picture = colour is null ? new Image(bitmap) : new Image(colour);
        var image = plot.Add.ImageRect(picture, new CoordinateRect(0, gridWidth, 0, gridHeight));
        image.AntiAlias = false;
        plot.Axes.SetLimits(0, gridWidth, 0, gridHeight);
        plot.HideGrid();

        // Row labels are the left axis's tick labels, centred on their rows (y grows upwards in plot coordinates).
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int r = 0; r < rows.Count; r++)
            ticks.AddMajor(gridHeight - (Gap + r * (imageHeight + Gap) + imageHeight / 2.0), rows[r].Label);
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Left.FrameLineStyle.Width = 0;
        plot.Axes.Bottom.IsVisible = false;
        plot.Axes.Right.IsVisible = false;
        plot.Axes.Top.IsVisible = false;

        // A fixed layout makes the data area exactly the scaled bitmap, so no image pixel is resampled.
        int left = LabelWidth(rows, plot.Axes.Left.TickLabelStyle) + 2 * EdgePadding;
        plot.Layout.Fixed(new PixelPadding(left, EdgePadding, EdgePadding, TopPadding));
        size = new FigureSize(left + EdgePadding + gridWidth * Scale, TopPadding + EdgePadding + gridHeight * Scale);
        return plot.GetImageBytes(size.Width, size.Height, ImageFormat.Png);
    }

    /// <summary>Renders the grid and writes it atomically to <paramref name="path"/>; returns the PNG's size.</summary>
    public static FigureSize Save(string path, string? title, IReadOnlyList<ImageRow> rows, int imageHeight = 28, int imageWidth = 28,
        ImageColourScale scale = ImageColourScale.Greys)
    {
        byte[] png = RenderPng(title, rows, imageHeight, imageWidth, out FigureSize size, scale);
        AtomicFile.WriteAllBytes(path, png);
        return size;
    }

    private static byte[,] Tile(IReadOnlyList<ImageRow> rows, int imageHeight, int imageWidth)
    {
        int columns = rows.Max(r => r.Count);
        int height = rows.Count * (imageHeight + Gap) + Gap, width = columns * (imageWidth + Gap) + Gap;
        var bitmap = new byte[height, width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                bitmap[y, x] = GapGrey;
        for (int r = 0; r < rows.Count; r++)
        {
            ReadOnlySpan<float> pixels = rows[r].Pixels.Span;
            for (int i = 0; i < rows[r].Count; i++)
            {
                int top = Gap + r * (imageHeight + Gap), left = Gap + i * (imageWidth + Gap);
                for (int y = 0; y < imageHeight; y++)
                    for (int x = 0; x < imageWidth; x++)
                        bitmap[top + y, left + x] = Grey(pixels[(i * imageHeight + y) * imageWidth + x]);
            }
        }
        return bitmap;
    }

    // Each image on its own symmetric scale: the sign and the shape of a filter matter, not its magnitude.
    private static SkiaSharp.SKBitmap SymmetricBitmap(IReadOnlyList<ImageRow> rows, int imageHeight, int imageWidth, int gridHeight, int gridWidth)
    {
        var colours = new ScottPlot.Colormaps.Balance();
        var bitmap = new SkiaSharp.SKBitmap(gridWidth, gridHeight);
        bitmap.Erase(new SkiaSharp.SKColor(GapGrey, GapGrey, GapGrey));
        for (int r = 0; r < rows.Count; r++)
        {
            ReadOnlySpan<float> pixels = rows[r].Pixels.Span;
            int size = imageHeight * imageWidth;
            for (int i = 0; i < rows[r].Count; i++)
            {
                ReadOnlySpan<float> values = pixels.Slice(i * size, size);
                float largest = 0;
                foreach (float v in values)
                    if (float.IsFinite(v))
                        largest = Math.Max(largest, Math.Abs(v));
                int top = Gap + r * (imageHeight + Gap), left = Gap + i * (imageWidth + Gap);
                for (int y = 0; y < imageHeight; y++)
                    for (int x = 0; x < imageWidth; x++)
                    {
                        float v = values[y * imageWidth + x];
                        if (!float.IsFinite(v))
                            continue;
                        double position = largest == 0 ? 0.5 : 0.5 + 0.5 * v / largest;
                        Color c = colours.GetColor(Math.Clamp(position, 0, 1));
                        bitmap.SetPixel(left + x, top + y, new SkiaSharp.SKColor(c.R, c.G, c.B));
                    }
            }
        }
        return bitmap;
    }

    private static byte Grey(float value) =>
        float.IsNaN(value) ? GapGrey : (byte)Math.Round(255 * (1 - Math.Clamp(value, 0f, 1f)));

    private static int LabelWidth(IReadOnlyList<ImageRow> rows, LabelStyle style)
    {
        using var paint = Paint.NewDisposablePaint();
        float widest = rows.Max(r => string.IsNullOrEmpty(r.Label) ? 0 : style.Measure(r.Label, paint).Width);
        return (int)Math.Ceiling(widest);
    }
}
