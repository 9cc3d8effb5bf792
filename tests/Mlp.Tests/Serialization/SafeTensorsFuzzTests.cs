using System.Buffers.Binary;
using Mlp.Serialization;
using Mlp.Tests.Hostile;

namespace Mlp.Tests.Serialization;

/// <summary>
/// Thousands of mutations of a valid file (bit flips, truncations, insertions, deletions, JSON punctuation,
/// forged lengths): each must load or be rejected with <see cref="SafeTensorsFormatException"/> leaving the
/// model unchanged; nothing else may escape.
/// </summary>
public sealed class SafeTensorsFuzzTests
{
    private const int Mutations = 20_000;
    private static readonly byte[] JsonBytes = "{}[]\",:-.0123456789eE \\u"u8.ToArray();

    [Fact]
    public void EveryMutationOfAValidFileLoadsOrIsRejectedWithOurException()
    {
        var source = new SmallModel(seed: 1);
        var saved = new MemoryStream();
        source.Save(saved);
        byte[] valid = saved.ToArray();
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(valid);

        var random = new RandomGenerator(20240611);
        var target = new SmallModel(seed: 2);
        int loaded = 0, rejected = 0;
        for (int i = 0; i < Mutations; i++)
        {
            (byte[] file, string how) = Mutate(valid, headerEnd, random);
            float[] before = target.AllValues.ToArray();
            Stream stream = i % 2 == 0 ? new MemoryStream(file) : new NonSeekableStream(file);
            try
            {
                target.Load(stream);
                loaded++;
            }
            catch (SafeTensorsFormatException)
            {
                Assert.True(before.AsSpan().SequenceEqual(target.AllValues), $"Mutation {i} ({how}) was rejected but changed the model.");
                rejected++;
            }
            catch (Exception e)
            {
                Assert.Fail($"Mutation {i} ({how}) threw {e.GetType().Name}: {e.Message}");
            }
        }
        // Both outcomes must occur, or the mutations are not reaching the interesting places.
        Assert.InRange(loaded, Mutations / 20, Mutations);
        Assert.InRange(rejected, Mutations / 2, Mutations);
    }

    private static (byte[] File, string How) Mutate(byte[] valid, int headerEnd, RandomGenerator random) => random.NextInt32(7) switch
    {
        0 => ByteMutations.FlipBits(valid, most: 3, random),
        1 => ByteMutations.FlipBitBefore(valid, headerEnd, random),   // within the prefix or the header
        2 => ByteMutations.Truncate(valid, random),
        3 => ByteMutations.Insert(valid, random),
        4 => ByteMutations.Delete(valid, random),
        5 => JsonPunctuationInTheHeader(valid, headerEnd, random),
        _ => ForgedHeaderLength(valid, headerEnd, random),
    };

    private static (byte[] File, string How) JsonPunctuationInTheHeader(byte[] valid, int headerEnd, RandomGenerator random)
    {
        byte[] file = (byte[])valid.Clone();
        int at = 8 + random.NextInt32(headerEnd - 8);
        file[at] = JsonBytes[random.NextInt32(JsonBytes.Length)];
        return (file, $"header byte {at} set to '{(char)file[at]}'");
    }

    private static (byte[] File, string How) ForgedHeaderLength(byte[] valid, int headerEnd, RandomGenerator random)
    {
        byte[] file = (byte[])valid.Clone();
        ulong length = random.NextInt32(2) == 0
            ? random.NextUInt64()
            : (ulong)(headerEnd - 8 + random.NextInt32(33) - 16);
        BinaryPrimitives.WriteUInt64LittleEndian(file, length);
        return (file, $"header length set to {length}");
    }
}
