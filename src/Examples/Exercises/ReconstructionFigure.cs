using Mlp.Examples.Data;
using Mlp.Examples.Figures;

namespace Mlp.Examples.Exercises;

/// <summary>
/// The notebook's <c>show_batch_of_images</c> for a trained model: the first <see cref="ShownImages"/> validation
/// images in one row and the model's outputs for them below (the same images in every exercise's figure, so they compare).
/// </summary>
public static class ReconstructionFigure
{
    /// <summary>Validation images shown in each figure.</summary>
    public const int ShownImages = 12;

    /// <summary>The first <see cref="ShownImages"/> images of <paramref name="set"/> (fewer when it holds fewer).</summary>
    public static ImageSet Shown(ImageSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.Slice(0, Math.Min(ShownImages, set.Count));
    }

    /// <summary>The outputs of <paramref name="model"/> for <paramref name="inputs"/>, copied out of the model's buffers.</summary>
    /// <param name="model">A model whose outputs are images of the inputs' size.</param>
    /// <param name="inputs">Row-major <c>(count, model.InputDim)</c> inputs.</param>
    /// <param name="count">The number of images.</param>
    public static float[] Outputs(IModel model, ReadOnlySpan<float> inputs, int count)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Forward(inputs, count).ToArray();
    }

    /// <summary>Draws the validation images and <paramref name="model"/>'s reconstructions of them into <paramref name="path"/>.</summary>
    public static void Save(string path, string title, IModel model, ImageSet valid)
    {
        ImageSet shown = Shown(valid);
        float[] reconstructions = Outputs(model, shown.Pixels.Span, shown.Count);
        ImageGridFigure.Save(path, title,
            [new ImageRow("originals", shown.Pixels, shown.Count), new ImageRow("reconstructions", reconstructions, shown.Count)],
            shown.Rows, shown.Columns);
    }
}
