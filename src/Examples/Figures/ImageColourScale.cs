namespace Mlp.Examples.Figures;

/// <summary>How an image grid turns values into colours.</summary>
public enum ImageColourScale
{
    /// <summary>Pixels in [0, 1] as the notebook shows them: 0 white, 1 black (matplotlib's <c>Greys</c>, <c>vmin=0, vmax=1</c>).</summary>
    Greys,

    /// <summary>
    /// Signed values such as weights or principal components, each image on its own diverging scale symmetric about 0:
    /// −max|value| blue, 0 white, +max|value| red (cmocean's <c>balance</c>).
    /// </summary>
    Symmetric,
}
