using System.Diagnostics;
using System.Reflection;
using System.Runtime.Intrinsics.X86;
using Mlp.Data;
using Mlp.Errors;
using Mlp.InferenceSample;
using Mlp.LearningRules;
using Mlp.Serialization;
using Mlp.Training;

namespace Mlp.Aot.Tests;

/// <summary>
/// Once per test run: trains the sample's autoencoder for a few batches and saves it, publishes the sample as Native
/// AOT and as a trimmed self-contained app (in an artifacts folder of its own, so that nothing touches the
/// repository's bin and obj while other test assemblies build there), then runs the JIT build and both published builds on the
/// MNIST test set, one after the other so that their timings do not disturb each other.
/// </summary>
public sealed class PublishedSample : IDisposable
{
    /// <summary>The runtime identifier both publishes target.</summary>
    public const string RuntimeIdentifier = "linux-x64";

    // About two minutes each on two idle cores; many times that while other builds share them.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    private readonly TempFolder _folder = new();

    public PublishedSample()
    {
        try
        {
            ModelPath = Path.Combine(Root, "autoencoder.safetensors");
            TrainModel(ModelPath);

            // One after the other in one artifacts folder: the second reuses the libraries the first compiled, which
            // on two cores costs less than compiling them twice side by side.
            long started = Stopwatch.GetTimestamp();
            AotPublish = Publish(AotFolder, "-p:PublishAot=true");
            Assert.True(AotPublish.ExitCode == 0, "The Native AOT publish failed:\n" + AotPublish.Output);
            TrimmedPublish = Publish(TrimmedFolder, "-p:SelfContained=true", "-p:PublishTrimmed=true");
            Assert.True(TrimmedPublish.ExitCode == 0, "The trimmed publish failed:\n" + TrimmedPublish.Output);
            PublishTime = Stopwatch.GetElapsedTime(started);

            AotExecutable = Path.Combine(AotFolder, "Mlp.InferenceSample");
            TrimmedExecutable = Path.Combine(TrimmedFolder, "Mlp.InferenceSample");
            // Few timed calls: these runs are for the bits; NativeAotForwardIsAboutAsFastAsTheJits times its own.
            JitRun = RunJit(ModelPath, "--repeat", "100");
            AotRun = RunExecutable(AotExecutable, ModelPath, "--repeat", "100");
            TrimmedRun = RunExecutable(TrimmedExecutable, ModelPath, "--repeat", "100");
        }
        catch
        {
            Dispose(); // xunit does not dispose a fixture whose constructor threw
            throw;
        }
    }

    /// <summary>The temporary folder holding the model and both publishes; deleted afterwards.</summary>
    public string Root => _folder.Path;

    /// <summary>The trained model the builds load.</summary>
    public string ModelPath { get; }

    /// <summary>The two publishes together.</summary>
    public TimeSpan PublishTime { get; }

    public ProcessResult AotPublish { get; }

    public ProcessResult TrimmedPublish { get; }

    /// <summary>The Native AOT executable.</summary>
    public string AotExecutable { get; }

    /// <summary>The trimmed self-contained app's launcher (its trimmed assemblies lie beside it).</summary>
    public string TrimmedExecutable { get; }

    /// <summary>The sample run on the test set by each build.</summary>
    public ProcessResult JitRun { get; }

    public ProcessResult AotRun { get; }

    public ProcessResult TrimmedRun { get; }

    /// <summary>
    /// Whether this machine runs the instruction sets the README recommends compiling for (x86-64-v4, whose AVX-512
    /// part is what the kernels check): where it does not, the AOT executable must refuse to start.
    /// </summary>
    public static bool MachineHasAvx512 => Avx512F.IsSupported && Avx512BW.IsSupported && Avx512CD.IsSupported && Avx512DQ.IsSupported;

    /// <summary>The folder holding MNIST (MLP_DATA_DIR or data/mnist in the repository).</summary>
    public static string DataDirectory { get; } = MnistFiles.LocateDirectory();

    /// <summary>The sample's JIT build, copied beside this assembly by the project reference.</summary>
    public static string JitAssembly => Path.Combine(AppContext.BaseDirectory, "Mlp.InferenceSample.dll");

    /// <summary>Runs the JIT build: <c>dotnet Mlp.InferenceSample.dll</c> with <paramref name="arguments"/>.</summary>
    public ProcessResult RunJit(params string[] arguments) => RunExecutable("dotnet", [JitAssembly, .. arguments]);

    /// <summary>Runs <paramref name="program"/> with MLP_DATA_DIR set to the MNIST folder.</summary>
    public ProcessResult RunExecutable(string program, params string[] arguments) =>
        ChildProcess.Run(program, arguments, Root, RunTimeout, new Dictionary<string, string?> { [MnistFiles.DataDirectoryVariable] = DataDirectory });

    /// <summary>Deletes the temporary folder.</summary>
    public void Dispose() => _folder.Dispose();

    private string AotFolder => Path.Combine(Root, "aot");

    private string TrimmedFolder => Path.Combine(Root, "trimmed");

    private ProcessResult Publish(string outputFolder, params string[] properties)
    {
        string project = Repository.Path("src", "Mlp.InferenceSample", "Mlp.InferenceSample.csproj");
        return ChildProcess.Run("dotnet",
            ["publish", project, "-c", Configuration, "-r", RuntimeIdentifier, .. properties, "-o", outputFolder,
             "--artifacts-path", Path.Combine(Root, "artifacts"), "--disable-build-servers", "--nologo"],
            Repository.Root, PublishTimeout);
    }

    // A few Adam steps from a seeded start: enough to make the weights those of a trained model (the builds must
    // agree on any weights), cheap enough for every test run.
    private static void TrainModel(string path)
    {
        var model = new Autoencoder(seed: 123);
        var train = new MnistAutoencoderDataProvider(MnistSet.Train, batchSize: 50, maxNumBatches: 20, seed: 124);
        var optimiser = new Optimiser(model, new SumOfSquaredDiffsError(), new AdamLearningRule(learningRate: 1e-3), train);
        optimiser.Train(numEpochs: 1, statsInterval: 1);
        model.Save(path);
    }

    // The configuration this test assembly was built in: the solution build made the JIT build in it too.
    private static string Configuration { get; } =
        typeof(PublishedSample).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
}
