#:package Mlp@0.1.0
// A file-based app: `dotnet pack -c Release` at the repository root, then `dotnet run samples/ex1.cs`.
// It learns XOR: two inputs, a hidden Tanh layer, one sigmoid output trained with cross-entropy.
using Mlp;
using Mlp.Data;
using Mlp.Errors;
using Mlp.LearningRules;
using Mlp.Training;

float[] inputs = [0, 0, 0, 1, 1, 0, 1, 1];
float[] targets = [0, 1, 1, 0];
var data = new InMemoryDataProvider(inputs, targets, inputDim: 2, targetDim: 1, batchSize: 4, seed: 7);

var model = new Xor(seed: 1);
var optimiser = new Optimiser(model, new BinaryCrossEntropySigmoidError(), new AdamLearningRule(learningRate: 0.05), data);
RunStatistics run = optimiser.Train(numEpochs: 300, statsInterval: 100);

Console.WriteLine(Xor.Architecture);
Console.Write(run);
ReadOnlySpan<float> logits = model.Forward(inputs, batchSize: 4);
for (int i = 0; i < 4; i++)
    Console.WriteLine($"{inputs[2 * i]} xor {inputs[2 * i + 1]} -> {1 / (1 + MathF.Exp(-logits[i])):F3}");

// The output layer is linear: BinaryCrossEntropySigmoidError applies the sigmoid inside the error.
[Affine(2, 8)] [Tanh] [Affine(8, 1)]
public partial class Xor;
