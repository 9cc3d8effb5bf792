using Mlp.Tests.Serialization;

namespace Mlp.Tests.Generated;

/// <summary>
/// The test models the checks over every layer kind run on: the gradient checks and the ONNX Runtime checks read
/// this one list, and a catalogue test checks that every layer kind appears in it.
/// </summary>
internal static class ModelRegistry
{
    private static readonly (string Name, Func<int, IModel> Create)[] Entries =
    [
        ("AffineOnlyNet", seed => new AffineOnlyNet(seed)),
        ("ReluNet", seed => new ReluNet(seed)),
        ("LeakyReluNet", seed => new LeakyReluNet(seed)),
        ("EluNet", seed => new EluNet(seed)),
        ("SigmoidNet", seed => new SigmoidNet(seed)),
        ("TanhNet", seed => new TanhNet(seed)),
        ("SoftmaxNet", seed => new SoftmaxNet(seed)),
        ("DropoutNet", seed => new DropoutNet(seed)),
        ("SeluNet", seed => new SeluNet(seed)),
        ("SoftplusNet", seed => new SoftplusNet(seed)),
        ("BatchNormNet", seed => new BatchNormNet(seed)),
        ("LeadingActivationNet", seed => new LeadingActivationNet(seed)),
        ("WiderNet", seed => new WiderNet(seed)),
        ("SingleAffine", seed => new SingleAffine(seed)),
        ("EveryLayerNet", seed => new EveryLayerNet(seed)),
    ];

    /// <summary>The models' names, for <c>[MemberData]</c>.</summary>
    public static TheoryData<string> Names => new(Entries.Select(e => e.Name));

    /// <summary>A fresh instance of the model named <paramref name="name"/>, seeded by its place in the list.</summary>
    public static IModel Create(string name)
    {
        int index = Array.FindIndex(Entries, e => e.Name == name);
        return index >= 0 ? Entries[index].Create(index + 1) : throw new ArgumentException($"No test model is named '{name}'.", nameof(name));
    }

    /// <summary>One fresh instance of every model.</summary>
    public static IEnumerable<IModel> All() => Entries.Select(e => Create(e.Name));
}
