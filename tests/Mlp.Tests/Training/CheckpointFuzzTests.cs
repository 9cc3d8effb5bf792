using Mlp.Tests.Hostile;
using Mlp.Training;
using static Mlp.Tests.Training.CheckpointForgery;

namespace Mlp.Tests.Training;

/// <summary>
/// Thousands of mutations of a valid checkpoint file (bit flips, byte changes, truncations, insertions, deletions):
/// each must load exactly the original run state (the mutation hit bytes that do not matter, such as a timestamp)
/// or be rejected with an <see cref="InvalidDataException"/> naming the file. Nothing else may escape, and no damaged
/// file may load as a different run.
/// </summary>
public sealed class CheckpointFuzzTests
{
    private const int Mutations = 1_000;

    [Fact]
    public void EveryMutationOfACheckpointLoadsUnchangedOrIsRejectedNamingTheFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("fuzz.zip");
        TrainingCheckpoint original = Run(seed: 1).CreateCheckpoint();
        original.Save(path);
        byte[] valid = File.ReadAllBytes(path);

        var random = new RandomGenerator(20261204);
        int loaded = 0, rejected = 0;
        for (int i = 0; i < Mutations; i++)
        {
            (byte[] file, string how) = Mutate(valid, random);
            File.WriteAllBytes(path, file);
            try
            {
                TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);
                Assert.True(Same(original, checkpoint), $"Mutation {i} ({how}) loaded as a different run state.");
                loaded++;
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith(path + ": ", e.Message);
                rejected++;
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"Mutation {i} ({how}) threw {e.GetType().Name}: {e.Message}");
            }
        }
        // Both outcomes must occur, or the mutations are not reaching the interesting places.
        Assert.InRange(loaded, 1, Mutations);
        Assert.InRange(rejected, Mutations / 2, Mutations);
    }

    private static (byte[] File, string How) Mutate(byte[] valid, RandomGenerator random) => random.NextInt32(5) switch
    {
        0 => ByteMutations.FlipBits(valid, most: 2, random),
        1 => ByteMutations.SetByte(valid, random),
        2 => ByteMutations.Truncate(valid, random),
        3 => ByteMutations.Insert(valid, random),
        _ => ByteMutations.Delete(valid, random),
    };
}
