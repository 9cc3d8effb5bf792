using Mlp.Examples;

var model = new Autoencoder(seed: 123);
var x = new float[2 * Autoencoder.InputDim];
for (int i = 0; i < x.Length; i++) x[i] = (i % 256) / 256f;
var y = model.Forward(x, 2);
Console.WriteLine($"{Autoencoder.Architecture}: {y.Length} outputs, first {y[0]}");
