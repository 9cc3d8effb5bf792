using System.Buffers.Binary;
using Mlp.Serialization;

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

    private static (byte[] File, string How) Mutate(byte[] valid, int headerEnd, RandomGenerator random)
    {
        var file = new List<byte>(valid);
        switch (random.NextInt32(7))
        {
            case 0:
                int flips = 1 + random.NextInt32(3);
                for (int k = 0; k < flips; k++)
                {
                    int at = random.NextInt32(file.Count);
                    file[at] ^= (byte)(1 << random.NextInt32(8));
                }
                return (file.ToArray(), $"{flips} bit flips");
            case 1:
            {
                int at = random.NextInt32(headerEnd);                      // within the prefix or the header
                file[at] ^= (byte)(1 << random.NextInt32(8));
                return (file.ToArray(), $"header bit flip at {at}");
            }
            case 2:
            {
                int length = random.NextInt32(file.Count);
                return (file.GetRange(0, length).ToArray(), $"truncated to {length}");
            }
            case 3:
            {
                int at = random.NextInt32(file.Count + 1), count = 1 + random.NextInt32(8);
                var bytes = new byte[count];
                for (int k = 0; k < count; k++) bytes[k] = (byte)random.NextInt32(256);
                file.InsertRange(at, bytes);
                return (file.ToArray(), $"{count} bytes inserted at {at}");
            }
            case 4:
            {
                int at = random.NextInt32(file.Count), count = 1 + random.NextInt32(Math.Min(16, file.Count - at));
                file.RemoveRange(at, count);
                return (file.ToArray(), $"{count} bytes deleted at {at}");
            }
            case 5:
            {
                int at = 8 + random.NextInt32(headerEnd - 8);
                file[at] = JsonBytes[random.NextInt32(JsonBytes.Length)];
                return (file.ToArray(), $"header byte {at} set to '{(char)file[at]}'");
            }
            default:
            {
                byte[] bytes = file.ToArray();
                ulong length = random.NextInt32(2) == 0
                    ? random.NextUInt64()
                    : (ulong)(headerEnd - 8 + random.NextInt32(33) - 16);
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
                return (bytes, $"header length set to {length}");
            }
        }
    }
}
