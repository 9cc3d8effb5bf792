using Mlp.Data;
using Mlp.Errors;
using Mlp.Examples.Exercises;
using Mlp.Examples.Models;
using Mlp.LearningRules;
using Mlp.Training;

namespace Mlp.Examples.Tests.Exercises;

public class PretrainedClassifierTests
{
    private static NonLinearAutoencoder TrainedLookingAutoencoder()
    {
        var autoencoder = new NonLinearAutoencoder(5);
        // Non-zero biases, as after training, so that a bias left uncopied shows.
        new RandomGenerator(6).FillUniform(autoencoder.Layer0Biases.Values, -0.5, 0.5);
        return autoencoder;
    }

    [Fact]
    public void TheFirstLayerStartsFromTheAutoencodersEncoderAndTheRestFromTheSeed()
    {
        NonLinearAutoencoder autoencoder = TrainedLookingAutoencoder();
        DigitClassifier classifier = PretrainedClassifierExercise.CreatePretrained(autoencoder, seed: 153, freeze: false);
        var random = new DigitClassifier(153);

        Assert.Equal(autoencoder.Layer0Weights.Values.ToArray(), classifier.Layer0Weights.Values.ToArray());
        Assert.Equal(autoencoder.Layer0Biases.Values.ToArray(), classifier.Layer0Biases.Values.ToArray());
        Assert.NotEqual(random.Layer0Weights.Values.ToArray(), classifier.Layer0Weights.Values.ToArray());
        // Same seed for the rest: only the first layer differs from the classifier trained from random initialisation.
        Assert.Equal(random.Layer2Weights.Values.ToArray(), classifier.Layer2Weights.Values.ToArray());
        Assert.Equal(random.Layer4Weights.Values.ToArray(), classifier.Layer4Weights.Values.ToArray());
        Assert.False(classifier.Layer0Weights.IsFrozen);
        Assert.False(classifier.Layer0Biases.IsFrozen);
    }

    [Fact]
    public void AFrozenFirstLayerStaysAsCopiedWhileTheRestTrains()
    {
        NonLinearAutoencoder autoencoder = TrainedLookingAutoencoder();
        DigitClassifier classifier = PretrainedClassifierExercise.CreatePretrained(autoencoder, seed: 153, freeze: true);
        float[] layer2Before = classifier.Layer2Weights.Values.ToArray();

        const int examples = 100;
        var inputs = new float[examples * 784];
        new RandomGenerator(7).FillUniform(inputs, 0, 1);
        var targets = new float[examples * 10];
        for (int e = 0; e < examples; e++)
            targets[e * 10 + e % 10] = 1;
        var data = new InMemoryDataProvider(inputs, targets, 784, 10, batchSize: 20, seed: 8);
        new Optimiser(classifier, new CrossEntropySoftmaxError(), new AdamLearningRule(1e-3), data).DoTrainingEpoch();

        Assert.Equal(autoencoder.Layer0Weights.Values.ToArray(), classifier.Layer0Weights.Values.ToArray());
        Assert.Equal(autoencoder.Layer0Biases.Values.ToArray(), classifier.Layer0Biases.Values.ToArray());
        Assert.NotEqual(layer2Before, classifier.Layer2Weights.Values.ToArray());
    }
}
