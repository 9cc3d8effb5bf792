using System.Diagnostics;
using System.Globalization;
using System.Text;
using Mlp.Data;
using Mlp.InferenceSample;
using Mlp.Onnx;
using Mlp.Serialization;

// Every line is "name: value" so that tests/Mlp.Aot.Tests can compare builds line by line.
SampleOptions options;
try
{
    options = SampleOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(SampleOptions.Usage);
    return 2;
}

try
{
    long start = Stopwatch.GetTimestamp();
    var model = new Autoencoder(seed: 1);
    model.Load(options.ModelPath);   // checks the file's shapes and recorded architecture against Autoencoder

    if (options.Once)
    {
        // A fixed input rather than a test image: decompressing MNIST would dominate a start-up measurement.
        var input = new float[Autoencoder.InputDim];
        for (int i = 0; i < input.Length; i++)
            input[i] = i % 256 / 256f;
        var once = new OutputBits();
        once.Add(model.Forward(input, batchSize: 1));
        Console.WriteLine($"once outputs: {once}");
        Console.WriteLine($"load and one forward: {Stopwatch.GetElapsedTime(start).TotalMilliseconds.ToString("F2", CultureInfo.InvariantCulture)} ms");
        return 0;
    }

    MnistData test = MnistData.Load(MnistSet.Test, options.DataDirectory);
    Console.WriteLine($"model: {Autoencoder.Architecture}");
    Console.WriteLine($"kernels: {KernelReport.Describe()}");

    (int images, double error, OutputBits bits) = TestSetEvaluation.Run(model, test);
    Console.WriteLine($"test images: {images}");
    Console.WriteLine($"reconstruction error: {error.ToString("F6", CultureInfo.InvariantCulture)} (bits {OutputBits.Hex(error)})");
    Console.WriteLine($"outputs: {bits}");

    ReadOnlySpan<float> first = test.Inputs.Span[..Autoencoder.InputDim];
    var single = new OutputBits();
    single.Add(model.Forward(first, batchSize: 1));
    Console.WriteLine($"batch-1 outputs: {single}");

    // The inference graph with the loaded weights, as ExportOnnx would write it: Google.Protobuf under AOT too.
    // Its producer version names the commit the library was built from; blanked, so that the hash compares the
    // graph and the weights of builds made at different commits.
    byte[] onnx = model.ToOnnx();
    byte[] version = Encoding.UTF8.GetBytes(SafeTensorsSerializer.LibraryVersion);
    int at = onnx.AsSpan().IndexOf(version);
    if (at >= 0)
        onnx.AsSpan(at, version.Length).Clear();
    Console.WriteLine($"onnx export: {onnx.Length} bytes, {OutputBits.HashOf(onnx)} (producer version blanked)");

    double batch1 = ForwardTiming.MedianSeconds(model, first, 1, options.Repeat);
    ReadOnlySpan<float> thousand = test.Inputs.Span[..(TestSetEvaluation.BatchSize * Autoencoder.InputDim)];
    int repeatLarge = Math.Max(5, options.Repeat / 50);
    double batch1000 = ForwardTiming.MedianSeconds(model, thousand, TestSetEvaluation.BatchSize, repeatLarge);
    Console.WriteLine($"forward batch 1: {(batch1 * 1e6).ToString("F2", CultureInfo.InvariantCulture)} us (median of {options.Repeat})");
    Console.WriteLine($"forward batch 1000: {(batch1000 * 1e3).ToString("F3", CultureInfo.InvariantCulture)} ms (median of {repeatLarge})");
    return 0;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // SafeTensorsFormatException and DataFileException are IOExceptions whose messages name the file and the fault.
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
