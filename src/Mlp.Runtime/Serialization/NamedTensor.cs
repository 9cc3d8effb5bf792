namespace Mlp.Serialization;

/// <summary>One float32 tensor to write: its name in the file, its row-major shape and its values.</summary>
internal readonly record struct NamedTensor(string Name, int[] Shape, ReadOnlyMemory<float> Values);
