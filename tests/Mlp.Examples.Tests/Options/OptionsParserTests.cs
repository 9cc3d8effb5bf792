using Mlp.Examples.Options;
using Mlp.Examples.Tests.Support;

namespace Mlp.Examples.Tests.Options;

public class OptionsParserTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _data;
    private readonly string _output;

    public OptionsParserTests()
    {
        _data = CapturedApp.FakeDataFolder(_folder);
        _output = _folder.File("out");
    }

    public void Dispose() => _folder.Dispose();

    private ExampleOptions? Parse(out int exitCode, out string error, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        ExampleOptions? options = OptionsParser.Parse([.. args, "--data-dir", _data], stdout, stderr, out exitCode);
        error = stderr.ToString();
        return options;
    }

    [Fact]
    public void DefaultsAreTheNotebooks()
    {
        ExampleOptions options = Parse(out int exitCode, out string error, "--output", _output)!;
        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Equal(25, options.Epochs);
        Assert.Equal(50, options.BatchSize);
        Assert.Equal(123, options.Seed);
        Assert.Equal(NoiseScheme.Masking, options.Noise);
        Assert.Equal(0.25, options.NoiseLevel);
        Assert.False(options.FreezePretrained);
        Assert.Equal(ExerciseNames.All, options.Exercises);
        Assert.Null(options.MaxBatches);
        Assert.Equal(0.01, options.GradientDescentLearningRate);
        Assert.Equal(1e-3, options.AdamLearningRate);
        Assert.Equal(Mlp.Kernels.KernelThreads.DefaultCount, options.Threads);
        Assert.False(options.Sequential);
        Assert.Equal(50, options.PcaComponents);
        Assert.Equal(Path.GetFullPath(_data), options.DataDirectory);
        Assert.True(Directory.Exists(_output));
        Assert.Empty(Directory.GetFileSystemEntries(_output));   // the probe file is gone
        Assert.Equal("out", new ExampleOptions().OutputDirectory);
    }

    [Fact]
    public void EverySettingCanBeOverridden()
    {
        ExampleOptions options = Parse(out int exitCode, out _,
            "--epochs", "3", "--batch-size", "100", "--seed", "7", "--output", _output, "--noise", "salt-and-pepper",
            "--noise-level", "0.1", "--freeze-pretrained", "--exercises", "4,pca,ex1", "--max-batches", "5",
            "--lr1", "0.05", "--lr", "0.002", "--threads", "1", "--sequential", "--pca-components", "20")!;
        Assert.Equal(0, exitCode);
        Assert.Equal(3, options.Epochs);
        Assert.Equal(100, options.BatchSize);
        Assert.Equal(7, options.Seed);
        Assert.Equal(_output, options.OutputDirectory);
        Assert.Equal(NoiseScheme.SaltAndPepper, options.Noise);
        Assert.Equal(0.1, options.NoiseLevel);
        Assert.True(options.FreezePretrained);
        Assert.Equal([Exercise.LinearAutoencoder, Exercise.Pca, Exercise.PretrainedClassifier], options.Exercises);   // notebook order
        Assert.Equal(5, options.MaxBatches);
        Assert.Equal(0.05, options.GradientDescentLearningRate);
        Assert.Equal(0.002, options.AdamLearningRate);
        Assert.Equal(1, options.Threads);
        Assert.True(options.Sequential);
        Assert.Equal(20, options.PcaComponents);
    }

    [Fact]
    public void GaussianNoiseLevelsAreStandardDeviations()
    {
        ExampleOptions options = Parse(out int exitCode, out _, "--output", _output, "--noise", "gaussian", "--noise-level", "1.5")!;
        Assert.Equal(0, exitCode);
        Assert.Equal((NoiseScheme.Gaussian, 1.5), (options.Noise, options.NoiseLevel));
    }

    [Theory]
    [InlineData("--epochs must be at least 1, got -3", "--epochs", "-3")]
    [InlineData("--epochs must be at least 1, got 0", "--epochs", "0")]
    [InlineData("'abc'", "--epochs", "abc")]
    [InlineData("--batch-size must be at least 1, got 0", "--batch-size", "0")]
    [InlineData("--batch-size must be at most 50000, the training set's size, got 50001", "--batch-size", "50001")]
    [InlineData("--noise: unknown scheme 'pink'", "--noise", "pink")]
    [InlineData("--noise-level for masking noise is a probability", "--noise-level", "1.5")]
    [InlineData("--noise-level for masking noise is a probability", "--noise-level", "0")]
    [InlineData("--noise-level for salt-and-pepper noise is a probability", "--noise", "salt-and-pepper", "--noise-level", "-0.1")]
    [InlineData("--noise-level for gaussian noise is a standard deviation", "--noise", "gaussian", "--noise-level", "0")]
    [InlineData("--noise-level for gaussian noise is a standard deviation", "--noise", "gaussian", "--noise-level", "Infinity")]
    [InlineData("--exercises: unknown exercise '5'", "--exercises", "1,5")]
    [InlineData("--exercises has an empty entry", "--exercises", "1,,2")]
    [InlineData("--max-batches must be at least 1, got 0", "--max-batches", "0")]
    [InlineData("--lr1 must be finite and greater than 0, got 0", "--lr1", "0")]
    [InlineData("--lr must be finite and greater than 0, got -0.001", "--lr", "-0.001")]
    [InlineData("--lr must be finite and greater than 0, got NaN", "--lr", "NaN")]
    [InlineData("--threads must be at least 1, got 0", "--threads", "0")]
    [InlineData("--pca-components must be from 1 to 784, got 785", "--pca-components", "785")]
    [InlineData("--bogus", "--bogus")]
    public void InvalidValuesAreOneLineOnStderrAndExitCode2(string expected, params string[] args)
    {
        var app = new CapturedApp();
        int exitCode = app.Run([.. args, "--data-dir", _data, "--output", _output]);

        Assert.Equal(2, exitCode);
        string error = app.Error.ToString();
        Assert.StartsWith("error: ", error);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("Exception", error);   // no stack trace, no exception type
        Assert.Equal("", app.Out.ToString());
        Assert.False(Directory.Exists(_output) && Directory.GetFiles(_output).Length > 0, "nothing is written after an invalid option");
    }

    [Fact]
    public void AnOutputFolderThatCannotBeCreatedIsAUsageError()
    {
        // A file where a parent folder should be fails for root too (permission bits would not).
        string blocker = _folder.File("a-file");
        File.WriteAllText(blocker, "");
        var app = new CapturedApp();

        int exitCode = app.Run("--data-dir", _data, "--output", Path.Combine(blocker, "out"));

        Assert.Equal(2, exitCode);
        string error = app.Error.ToString();
        Assert.StartsWith($"error: --output: cannot write to '{Path.Combine(blocker, "out")}'", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void AReadOnlyOutputFolderIsAUsageErrorForOrdinaryUsers()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var readOnly = new ReadOnlyFolder(_folder.File("read-only"));
        var app = new CapturedApp();
        int exitCode = app.Run("--data-dir", _data, "--output", readOnly.Path, "--exercises", "1");
        if (readOnly.WritableAnyway)
            Assert.NotEqual(2, exitCode);
        else
        {
            Assert.Equal(2, exitCode);
            Assert.StartsWith($"error: --output: cannot write to '{readOnly.Path}'", app.Error.ToString());
        }
    }

    [Fact]
    public void ADataFolderWithoutMnistIsAUsageError()
    {
        var app = new CapturedApp();
        Assert.Equal(2, app.Run("--data-dir", _folder.File("nowhere"), "--output", _output));
        Assert.Equal($"error: --data-dir: folder '{_folder.File("nowhere")}' does not exist (see --help)", app.Error.ToString().TrimEnd());

        var empty = new CapturedApp();
        Assert.Equal(2, empty.Run("--data-dir", _folder.Path, "--output", _output));
        Assert.Contains("holds no train-images-idx3-ubyte.gz", empty.Error.ToString());

        string imagesOnly = _folder.File("images-only");
        Directory.CreateDirectory(imagesOnly);
        File.WriteAllBytes(Path.Combine(imagesOnly, "train-images-idx3-ubyte.gz"), []);
        var unlabelled = new CapturedApp();
        Assert.Equal(2, unlabelled.Run("--data-dir", imagesOnly, "--output", _output));
        Assert.Contains("holds no train-labels-idx1-ubyte.gz", unlabelled.Error.ToString());
    }

    [Fact]
    public void TheDefaultDataFolderIsFoundFromInsideTheRepository()
    {
        // The tests run from tests/Mlp.Examples.Tests/bin/...: the default relative path resolves by looking upwards.
        Assert.Null(DataFolder.Resolve(ExampleOptions.DefaultDataDirectory, out string resolved));
        Assert.True(File.Exists(Path.Combine(resolved, "train-images-idx3-ubyte.gz")));
    }

    [Fact]
    public void HelpListsEveryFlagAndExits0()
    {
        var app = new CapturedApp();
        Assert.Equal(0, app.Run("--help"));
        string help = app.Out.ToString();
        foreach (string flag in new[] { "--epochs", "--batch-size", "--seed", "--output", "--noise", "--noise-level", "--freeze-pretrained",
                     "--exercises", "--max-batches", "--lr1", "--lr", "--threads", "--sequential", "--data-dir", "--pca-components" })
            Assert.Contains(flag, help);
        Assert.DoesNotContain("at most 2", help);
        Assert.Equal("", app.Error.ToString());
    }
}
