using Mlp.Examples.Models;

namespace Mlp.Examples.Analysis;

/// <summary>
/// The directions of exercise 1's linear code at one statistics epoch, kept so that they can be compared with PCA's
/// components once PCA has run (the two run side by side): the encoder's weight rows (what each unit reads from an
/// image) and the decoder's weight columns (what each unit writes back), both as <c>(units, pixels)</c> rows in double.
/// </summary>
/// <param name="Epoch">The epoch after which the weights were taken; 0 is the initial model.</param>
/// <param name="Units">The number of hidden units.</param>
/// <param name="Dimension">The number of pixels.</param>
/// <param name="Encoder">The encoder's weights, row-major <c>(Units, Dimension)</c>.</param>
/// <param name="Decoder">The decoder's weights transposed, row-major <c>(Units, Dimension)</c>.</param>
public sealed record LinearCodeSnapshot(int Epoch, int Units, int Dimension, double[] Encoder, double[] Decoder)
{
    /// <summary>Copies <paramref name="model"/>'s weights as they are after epoch <paramref name="epoch"/>.</summary>
    public static LinearCodeSnapshot Capture(LinearAutoencoder model, int epoch)
    {
        ArgumentNullException.ThrowIfNull(model);
        int units = model.Layer0Weights.Shape[0], dimension = model.Layer0Weights.Shape[1];
        ReadOnlySpan<float> encoder = model.Layer0Weights.Values, decoder = model.Layer1Weights.Values;   // (units, dim) and (dim, units)
        var encoderRows = new double[units * dimension];
        var decoderRows = new double[units * dimension];
        for (int u = 0; u < units; u++)
            for (int j = 0; j < dimension; j++)
            {
                encoderRows[u * dimension + j] = encoder[u * dimension + j];
                decoderRows[u * dimension + j] = decoder[j * units + u];
            }
        return new LinearCodeSnapshot(epoch, units, dimension, encoderRows, decoderRows);
    }
}
