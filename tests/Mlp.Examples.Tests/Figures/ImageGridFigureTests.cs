using Mlp.Examples.Figures;
using Mlp.Examples.Tests.Support;
using SkiaSharp;

namespace Mlp.Examples.Tests.Figures;

public class ImageGridFigureTests
{
    private const int Side = 28;

    // Image i of a row is all ones (black) when i is even, all zeros (white) when odd.
    private static ImageRow Stripes(string label, int count, bool evenBlack = true)
    {
        var pixels = new float[count * Side * Side];
        for (int i = 0; i < count; i++)
            if ((i % 2 == 0) == evenBlack)
                pixels.AsSpan(i * Side * Side, Side * Side).Fill(1f);
        return new ImageRow(label, pixels, count);
    }

    [Fact]
    public void WritesAPngOfTheSizeTheLayoutGives()
    {
        using var folder = new TempFolder();
        string path = folder.File("grid.png");

        FigureSize size = ImageGridFigure.Save(path, "originals and reconstructions", [Stripes("originals", 10), Stripes("reconstructions", 10)]);

        var (width, height) = Png.Dimensions(File.ReadAllBytes(path));
        Assert.Equal((size.Width, size.Height), (width, height));
        int gridHeight = 2 * (Side + ImageGridFigure.Gap) + ImageGridFigure.Gap;
        int gridWidth = 10 * (Side + ImageGridFigure.Gap) + ImageGridFigure.Gap;
        Assert.Equal(ImageGridFigure.TopPadding + ImageGridFigure.EdgePadding + ImageGridFigure.Scale * gridHeight, height);
        // The labels take some width on the left; the rest is the scaled grid and the right edge.
        int labelArea = width - ImageGridFigure.EdgePadding - ImageGridFigure.Scale * gridWidth;
        Assert.InRange(labelArea, 2 * ImageGridFigure.EdgePadding + 60, 400);
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));
    }

    [Fact]
    public void DrawsEveryImagePixelAsACrispSquareInTheNotebooksGreys()
    {
        byte[] png = ImageGridFigure.RenderPng(null, [Stripes("a", 4), Stripes("b", 4, evenBlack: false)], Side, Side, out FigureSize size);
        using SKBitmap bitmap = Png.Decode(png);

        // Locate cells from the right and bottom edges, which do not depend on the labels' width.
        int s = ImageGridFigure.Scale, gap = ImageGridFigure.Gap;
        int gridRight = size.Width - ImageGridFigure.EdgePadding, gridBottom = size.Height - ImageGridFigure.EdgePadding;
        int gridLeft = gridRight - s * (4 * (Side + gap) + gap), gridTop = gridBottom - s * (2 * (Side + gap) + gap);
        for (int row = 0; row < 2; row++)
            for (int image = 0; image < 4; image++)
            {
                bool black = (image % 2 == 0) == (row == 0);
                byte expected = black ? (byte)0 : (byte)255;
                int left = gridLeft + s * (gap + image * (Side + gap)), top = gridTop + s * (gap + row * (Side + gap));
                // The first and last screen pixels of the image, and its middle: no smoothing at the edges.
                foreach (var (x, y) in new[] { (left, top), (left + s * Side - 1, top + s * Side - 1), (left + s * Side / 2, top + s * Side / 2) })
                {
                    SKColor pixel = bitmap.GetPixel(x, y);
                    Assert.Equal((expected, expected, expected), (pixel.Red, pixel.Green, pixel.Blue));
                }
                SKColor gapPixel = bitmap.GetPixel(left - 1, top + 5);
                Assert.Equal(ImageGridFigure.GapGrey, gapPixel.Red);
            }
    }

    [Fact]
    public void ShowsValuesOutsideZeroToOneAtTheNearerEndAndNaNAsTheGap()
    {
        var pixels = new float[3 * Side * Side];
        pixels.AsSpan(0, Side * Side).Fill(-0.5f);
        pixels.AsSpan(Side * Side, Side * Side).Fill(1.7f);
        pixels.AsSpan(2 * Side * Side, Side * Side).Fill(float.NaN);
        byte[] png = ImageGridFigure.RenderPng(null, [new ImageRow("x", pixels, 3)], Side, Side, out FigureSize size);
        using SKBitmap bitmap = Png.Decode(png);
        int s = ImageGridFigure.Scale, gap = ImageGridFigure.Gap;
        int gridRight = size.Width - ImageGridFigure.EdgePadding, gridBottom = size.Height - ImageGridFigure.EdgePadding;
        int y = gridBottom - s * (gap + Side / 2);
        int Centre(int image) => gridRight - s * (gap + (2 - image) * (Side + gap) + Side / 2);
        Assert.Equal(255, bitmap.GetPixel(Centre(0), y).Red);
        Assert.Equal(0, bitmap.GetPixel(Centre(1), y).Red);
        Assert.Equal(ImageGridFigure.GapGrey, bitmap.GetPixel(Centre(2), y).Red);
    }

    [Fact]
    public void RendersTheTitleAndTheRowLabelsAsText()
    {
        ImageRow[] rows = [Stripes("originals", 3), Stripes("reconstructions", 3)];
        byte[] titled = ImageGridFigure.RenderPng("A title", rows, Side, Side, out _);
        byte[] untitled = ImageGridFigure.RenderPng(null, rows, Side, Side, out _);
        byte[] otherTitle = ImageGridFigure.RenderPng("Another title", rows, Side, Side, out _);

        Assert.True(Png.DifferentPixels(titled, untitled) > 100, "the title draws no text");
        Assert.True(Png.DifferentPixels(titled, otherTitle) > 100, "different titles draw the same");

        byte[] relabelled = ImageGridFigure.RenderPng(null, [Stripes("originalz", 3), Stripes("reconstructionz", 3)], Side, Side, out FigureSize size);
        Assert.Equal(Png.Dimensions(untitled), (size.Width, size.Height));
        Assert.True(Png.DifferentPixels(untitled, relabelled) > 20, "the row labels draw no text");
    }

    [Fact]
    public void RowsMayHoldDifferentNumbersOfImages()
    {
        byte[] png = ImageGridFigure.RenderPng(null, [Stripes("three", 3), Stripes("five", 5)], Side, Side, out FigureSize size);
        int gridWidth = 5 * (Side + ImageGridFigure.Gap) + ImageGridFigure.Gap;
        Assert.True(Png.Dimensions(png).Width > ImageGridFigure.Scale * gridWidth);
        Assert.Equal(Png.Dimensions(png), (size.Width, size.Height));
    }

    [Fact]
    public void RejectsRowsThatDoNotHoldWholeImages()
    {
        Assert.Throws<ArgumentException>("rows", () => ImageGridFigure.RenderPng(null, [], Side, Side, out _));
        Assert.Throws<ArgumentException>("rows", () => ImageGridFigure.RenderPng(null, [new ImageRow("short", new float[Side * Side - 1], 1)], Side, Side, out _));
        Assert.Throws<ArgumentException>("rows", () => ImageGridFigure.RenderPng(null, [new ImageRow("empty", Array.Empty<float>(), 0)], Side, Side, out _));
        Assert.Throws<ArgumentOutOfRangeException>("imageHeight", () => ImageGridFigure.RenderPng(null, [Stripes("a", 1)], 0, Side, out _));
    }
}
