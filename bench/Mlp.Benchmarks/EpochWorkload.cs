using Mlp.Data;
using Mlp.Errors;
using Mlp.LearningRules;
using Mlp.Training;

namespace Mlp.Benchmarks;

/// <summary>
/// One of the notebook's training runs set up as the notebook sets it up: the real MNIST training set (50,000 images)
/// served in shuffled batches of 50 by the runtime's data provider, the course's error and learning rule, and the
/// runtime's <see cref="Optimiser"/>. <see cref="RunEpoch"/> is <see cref="Optimiser.DoTrainingEpoch"/>: one pass
/// over the data, with no statistics.
/// </summary>
public sealed class EpochWorkload
{
    /// <summary>The batch size of every notebook run.</summary>
    public const int BatchSize = 50;

    private readonly Optimiser _optimiser;

    private EpochWorkload(string exercise, IModel model, DataProvider train, IError error, LearningRule rule, long multiplyAddsPerExample)
    {
        Exercise = exercise;
        _optimiser = new Optimiser(model, error, rule, train);
        FlopsPerEpoch = 2.0 * multiplyAddsPerExample * train.NumBatches * train.BatchSize;
    }

    /// <summary>The batch size of the wide model.</summary>
    public const int WideBatchSize = 256;

    /// <summary>Batches per "epoch" of the wide model: enough for a stable time, far less than MNIST's 195.</summary>
    public const int WideBatches = 40;

    /// <summary>
    /// The workloads: <c>ex1</c>, <c>ex2</c> and <c>ex4</c> (notebook epochs), and <c>wide</c> (40 training steps of the
    /// 784-1024-1024-10 classifier at batch 256).
    /// </summary>
    public static IReadOnlyList<string> Exercises { get; } = ["ex1", "ex2", "ex4", "wide"];

    /// <summary>The workload: <c>ex1</c>, <c>ex2</c>, <c>ex4</c> or <c>wide</c>.</summary>
    public string Exercise { get; }

    /// <summary>Matrix-product FLOPs of one epoch, counted from the shapes (2·m·n·k per product).</summary>
    public double FlopsPerEpoch { get; }

    /// <summary>Training steps (batches) per epoch.</summary>
    public int StepsPerEpoch => _optimiser.TrainData.NumBatches;

    /// <summary>
    /// Sets up <paramref name="exercise"/>: <c>ex1</c> the 784-50-784 linear autoencoder (sum of squared differences,
    /// SGD at 0.01), <c>ex2</c> the 784-50 ReLU 50-784 sigmoid autoencoder (Adam at 0.001), <c>ex4</c> the 784-50-100-10
    /// ReLU classifier (softmax cross-entropy, Adam at 0.001), <c>wide</c> a 784-1024-1024-10 ReLU classifier at batch 256
    /// (softmax cross-entropy, Adam) for 40 batches.
    /// </summary>
    /// <param name="exercise"><c>ex1</c>, <c>ex2</c>, <c>ex4</c> or <c>wide</c>.</param>
    /// <param name="train">The MNIST training set (<see cref="MnistData.Load"/> of <see cref="MnistSet.Train"/>).</param>
    /// <exception cref="ArgumentException">The exercise is not one of those.</exception>
    public static EpochWorkload Create(string exercise, MnistData train)
    {
        ArgumentNullException.ThrowIfNull(train);
        const long autoencoder = 784 * 50 + 50 * 784 + 784 * 50 + 50 * 784 + 50 * 784;
        const long classifier = 2 * (784 * 50 + 50 * 100 + 100 * 10) + 50 * 100 + 100 * 10;
        const long wide = 2L * (784 * 1024 + 1024 * 1024 + 1024 * 10) + 1024 * 1024 + 1024 * 10;
        return exercise switch
        {
            "ex1" => new(exercise, new LinearAutoencoder(seed: 123), new MnistAutoencoderDataProvider(train, BatchSize, seed: 124),
                new SumOfSquaredDiffsError(), new GradientDescentLearningRule(0.01), autoencoder),
            "ex2" => new(exercise, new Autoencoder(seed: 133), new MnistAutoencoderDataProvider(train, BatchSize, seed: 134),
                new SumOfSquaredDiffsError(), new AdamLearningRule(1e-3), autoencoder),
            "ex4" => new(exercise, new Classifier(seed: 143), new MnistDataProvider(train, BatchSize, seed: 144),
                new CrossEntropySoftmaxError(), new AdamLearningRule(1e-3), classifier),
            "wide" => new(exercise, new WideClassifier(seed: 153), new MnistDataProvider(train, WideBatchSize, WideBatches, seed: 154),
                new CrossEntropySoftmaxError(), new AdamLearningRule(1e-3), wide),
            _ => throw new ArgumentException($"Unknown exercise '{exercise}': expected one of {string.Join(", ", Exercises)}.", nameof(exercise)),
        };
    }

    /// <summary>One training epoch: every batch forward, error gradient, backward and learning-rule update.</summary>
    public void RunEpoch() => _optimiser.DoTrainingEpoch();

    /// <summary>Examples in one evaluation pass: every training image.</summary>
    public int EvaluationExamples => _optimiser.TrainData.NumExamples;

    /// <summary>Matrix-product FLOPs of one evaluation pass (2·m·n·k of each forward product).</summary>
    public double FlopsPerEvaluation
    {
        get
        {
            long multiplyAdds = 0;
            foreach (Parameter p in _optimiser.Model.Parameters)
                multiplyAdds += p.Shape.Length == 2 ? (long)p.Shape[0] * p.Shape[1] : 0;
            return 2.0 * multiplyAdds * EvaluationExamples;
        }
    }

    /// <summary>
    /// The error over every training image in their stored order, in forward passes of
    /// <see cref="Optimiser.EvaluationBatchSize"/> (1,000) examples: the optimiser's evaluation after each epoch.
    /// </summary>
    public double Evaluate() => _optimiser.Evaluate(_optimiser.TrainData)["error"];
}
