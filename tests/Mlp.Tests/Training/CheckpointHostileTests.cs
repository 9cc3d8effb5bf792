using System.Text.Json.Nodes;
using Mlp.Tests.Hostile;
using Mlp.Training;
using static Mlp.Tests.Training.CheckpointForgery;

namespace Mlp.Tests.Training;

/// <summary>
/// Damaged and forged checkpoints: each is an <see cref="InvalidDataException"/> naming the file, allocates nothing
/// beyond what the file holds (or the run being restored needs), and a restore that fails changes nothing.
/// </summary>
public sealed class CheckpointHostileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly string _path;
    private readonly byte[] _valid;
    private readonly TrainingCheckpoint _original;

    public CheckpointHostileTests()
    {
        _path = _folder.File("checkpoint.zip");
        _original = Run(seed: 1).CreateCheckpoint();
        _original.Save(_path);
        _valid = File.ReadAllBytes(_path);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AnEditedPayloadWithAValidZipCrcIsRejectedByTheManifest()
    {
        File.WriteAllBytes(_path, Replace(_valid, "parameters.f32", bytes => { bytes[5] ^= 0x40; return bytes; }, fixManifest: false));
        Assert.Contains("'parameters.f32' does not match its SHA-256", Rejected().Message);
    }

    [Fact]
    public void EveryBitFlipInTheCompressedParametersIsCaught()
    {
        // The case: single bit flips inside a compressed entry, which the old reader restored silently.
        (int start, int length) = CompressedRange(_valid, "parameters.f32");
        for (int at = start; at < start + length; at += Math.Max(1, length / 40))
        {
            byte[] damaged = (byte[])_valid.Clone();
            damaged[at] ^= 0x10;
            File.WriteAllBytes(_path, damaged);
            Rejected();
        }
    }

    [Fact]
    public void AnEntryNameThatAppearsTwiceIsRejected()
    {
        var entries = Entries(_valid);
        (string name, byte[] bytes) = entries.First(e => e.Name == "parameters.f32");
        entries.Insert(0, (name, new byte[bytes.Length]));   // a forged copy first, where a reader taking the first would find it
        File.WriteAllBytes(_path, Zip(entries, fixManifest: false));
        Assert.Contains("'parameters.f32' appears twice", Rejected().Message);
    }

    [Theory]
    [InlineData(0x7FFFFFD0u)]   // just under 2 GiB: was an OutOfMemoryException
    [InlineData(0u)]
    public void ADamagedDeclaredSizeIsAnInvalidDataExceptionNamingTheFile(uint size)
    {
        File.WriteAllBytes(_path, WithDeclaredSize(_valid, "parameters.f32", size));
        Rejected();
    }

    [Fact]
    public void ADeclaredSizeLongerThanTheDataIsNotAnEndOfStream()
    {
        uint real = (uint)Entries(_valid).First(e => e.Name == "data-order-0.i32").Bytes.Length;
        File.WriteAllBytes(_path, WithDeclaredSize(_valid, "data-order-0.i32", real + 4));
        Rejected();
    }

    [Fact]
    public void AForgedBufferCountIsBoundedByTheEntriesBeforeAllocating()
    {
        File.WriteAllBytes(_path, EditState(_valid, state => state["learningRule"]!["buffers"] = int.MaxValue));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Contains("buffer count 2147483647", Rejected().Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20);
    }

    [Fact]
    public void AForgedParameterCountIsRejectedFromTheModelsSizeBeforeAllocating()
    {
        File.WriteAllBytes(_path, EditState(_valid, state => state["parameterCount"] = 536_870_911));
        Optimiser target = Run(seed: 2, train: false);
        float[] before = target.Model.AllValues.ToArray();

        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => target.RestoreCheckpoint(_path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.StartsWith(_path + ": ", e.Message);
        Assert.Contains("holds 536870911 parameters but the model has", e.Message);
        Assert.True(allocated < 4 << 20, $"rejecting it allocated {allocated:N0} bytes");
        Assert.Equal(before, target.Model.AllValues.ToArray());
        Assert.Contains("536870911", Rejected().Message);   // without a model to compare with, the entry's real size exposes it
    }

    [Fact]
    public void AnAllZeroGeneratorStateInTheFileIsRejected()
    {
        File.WriteAllBytes(_path, EditState(_valid, state => state["modelRandom"] = new JsonArray("0", "0", "0", "0")));
        Assert.Contains("all-zero", Rejected().Message);
    }

    [Fact]
    public void ARestoreWithAnInvalidGeneratorStateChangesNothing()
    {
        var zeroRandom = new TrainingCheckpoint(_original.Architecture, _original.EpochsCompleted, _original.Parameters,
            new RandomGeneratorState(0, 0, 0, 0), _original.LearningRule, _original.TrainData);
        Optimiser target = Run(seed: 2);
        TrainingCheckpoint before = target.CreateCheckpoint();

        Assert.Throws<ArgumentException>(() => target.RestoreCheckpoint(zeroRandom));

        Assert.True(Same(before, target.CreateCheckpoint()), "a failed restore changed the parameters, learning rule or data order");
    }

    [Fact]
    public void AValidFileRestoresThroughThePathOverload()
    {
        Optimiser target = Run(seed: 2, train: false);
        target.RestoreCheckpoint(_path);
        Assert.True(Same(_original, target.CreateCheckpoint()));
    }

    [Fact]
    public void AFolderOrNamedPipeIsAnInvalidDataExceptionAtOnce()
    {
        var folder = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(_folder.Path));
        Assert.Contains(_folder.Path, folder.Message);
        Assert.Contains("is a folder", folder.Message);

        string fifo = _folder.File("pipe.zip");
        SpecialFiles.MakeFifo(fifo);
        Exception? thrown = SpecialFiles.ThrownWithin(10, fifo, () => TrainingCheckpoint.Load(fifo));
        Assert.Contains(fifo, Assert.IsType<InvalidDataException>(thrown).Message);
    }

    [Fact]
    public void AMissingCheckpointFolderIsFoundBeforeTheFirstEpoch()
    {
        Optimiser optimiser = Run(seed: 3, train: false);
        optimiser.CheckpointFolder = _folder.File("missing");
        optimiser.CheckpointInterval = 1;
        float[] before = optimiser.Model.AllValues.ToArray();

        var e = Assert.Throws<DirectoryNotFoundException>(() => optimiser.Train(numEpochs: 2));

        Assert.Contains(_folder.File("missing"), e.Message);
        Assert.Equal(0, optimiser.EpochsCompleted);
        Assert.Equal(before, optimiser.Model.AllValues.ToArray());
    }

    [Fact]
    public void AnUnwritableCheckpointFolderIsFoundBeforeTheFirstEpoch()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var readOnly = new ReadOnlyFolder(_folder.File("read-only"));
        Optimiser optimiser = Run(seed: 3, train: false);
        optimiser.CheckpointFolder = readOnly.WritableAnyway ? "/proc" : readOnly.Path;   // /proc takes no files, even from root
        optimiser.CheckpointInterval = 1;

        var e = Assert.ThrowsAny<IOException>(() => optimiser.Train(numEpochs: 1));

        Assert.Contains("not writable", e.Message);
        Assert.Equal(0, optimiser.EpochsCompleted);
    }

    private InvalidDataException Rejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(_path));
        Assert.StartsWith(_path + ": ", e.Message);
        return e;
    }

    /// <summary>Where <paramref name="name"/>'s compressed data lies in the zip (after its local header).</summary>
    private static (int Start, int Length) CompressedRange(byte[] zip, string name)
    {
        byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        for (int i = 0; i + 30 <= zip.Length; i++)
        {
            if (zip[i] != 0x50 || zip[i + 1] != 0x4B || zip[i + 2] != 0x03 || zip[i + 3] != 0x04)
                continue;
            int nameLength = zip[i + 26] | zip[i + 27] << 8, extraLength = zip[i + 28] | zip[i + 29] << 8;
            if (nameLength != nameBytes.Length || !zip.AsSpan(i + 30, nameLength).SequenceEqual(nameBytes))
                continue;
            int start = i + 30 + nameLength + extraLength;
            int end = zip.AsSpan(start).IndexOf("PK"u8);
            return (start, end);
        }
        throw new InvalidOperationException($"no local header for {name}");
    }
}
