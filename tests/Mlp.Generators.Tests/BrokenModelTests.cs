using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Mlp.Generators.Tests;

/// <summary>
/// A model whose attributes have errors still gets its members declared, so the MLP errors on the attributes are the
/// build's only errors, not the first of a list of "does not contain a definition" on every use of the model.
/// </summary>
public sealed class BrokenModelTests
{
    // Uses every member a program touches: constructors, IModel, constants, per-layer accessors.
    private const string Usage = """
        using Mlp;
        public static class Program
        {
            public static float Use()
            {
                var model = new M(seed: 123);
                var unseeded = new M();
                float[] x = new float[784 * 2];
                System.ReadOnlySpan<float> y = model.Forward(x, 2, training: true);
                model.Backward(y);
                model.Backward(y, new float[784 * 2]);
                IModel m = model;
                foreach (Parameter p in model.Parameters) x[0] += p.Values.Length;
                return m.InputDim + M.InputDim + M.OutputDim + M.ParameterCount + M.Architecture.Length + model.Layers.Count
                    + model.AllValues.Length + model.AllGradients.Length + model.Random.NextSingle() + model.LayerOutput(0).Length
                    + LayerMembers(model);
            }
        """;

    private const string LayerMembers = """
            private static int LayerMembers(M model) =>
                model.Layer0Weights.Values.Length + model.Layer0Biases.Values.Length + model.Layer0Output.Length;
        }
        """;

    // When an attribute cannot be read, the layers are unknown and so are their members.
    private const string NoLayerMembers = """
            private static int LayerMembers(M model) => 0;
        }
        """;

    public static TheoryData<string, string> Mistakes => new()
    {
        { "MLP001", "[Affine(784, 50)] [Relu] [Affine(60, 784)] [Sigmoid] public partial class M;" },
        { "MLP002", "[Affine(784, 0)] public partial class M;" },
        { "MLP005", "[Affine(784, 10)] [Dropout(1.5f)] public partial class M;" },
        { "MLP011", "[Affine(784, 50)] [Relu] public partial class Source; [Affine(784, 50)] [TransferLayer(0, typeof(Source), 1)] public partial class M;" },
        { "MLP012", "[Affine(784, 60)] public partial class Source; [Affine(784, 50)] [TransferLayer(0, typeof(Source), 0)] public partial class M;" },
        { "MLP014", "[Affine(784, 65536)] [Affine(65536, 65536)] public partial class M;" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void TheMlpErrorIsTheOnlyError(string id, string declaration)
    {
        BuildResult result = GeneratorHarness.Build("using Mlp;\n" + declaration, Usage + LayerMembers);
        Assert.Null(result.Run.Results.Single().Exception);
        Diagnostic error = Assert.Single(result.Errors);
        Assert.True(error.Id == id, result.Describe());
        Assert.Equal("Model0.cs", error.Location.SourceTree?.FilePath);
    }

    [Fact]
    public void AnAttributeTheCompilerCannotBindLeavesOnlyTheCompilersErrors()
    {
        BuildResult result = GeneratorHarness.Build("using Mlp;\n[Affine(784, \"50\")] public partial class M;", Usage + NoLayerMembers);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.Equal("Model0.cs", e.Location.SourceTree?.FilePath));
        Assert.Empty(result.Mlp);
    }

    [Fact]
    public void AValidModelMayCopyFromABrokenOne()
    {
        BuildResult result = GeneratorHarness.Build("""
            using Mlp;
            [Affine(784, 50)] [Affine(60, 784)] public partial class Source;
            [Affine(784, 50)] [Relu] [Affine(50, 10)] [TransferLayer(0, typeof(Source), 0)] public partial class M;
            """, Usage + LayerMembers);
        Diagnostic error = Assert.Single(result.Errors);
        Assert.Equal("MLP001", error.Id);
    }

    [Fact]
    public void TheMembersThrowWhenTheErrorsAreIgnored()
    {
        // The analyzer's errors do not stop Roslyn's own emit, so the shell compiles: this is what a build that
        // suppressed the MLP diagnostics would run.
        CSharpTestAssembly assembly = CSharpTestAssembly.Emit("using Mlp;\n[Affine(784, 50)] [Affine(60, 784)] public partial class M;");
        Type type = assembly.Type("M");
        var thrown = Assert.Throws<TargetInvocationException>(() => Activator.CreateInstance(type, 123));
        var inner = Assert.IsType<InvalidOperationException>(thrown.InnerException);
        Assert.Equal("The layer attributes of M have errors (MLP diagnostics); fix them and rebuild.", inner.Message);
    }

    [Fact]
    public void AClassThatCannotTakeMembersGetsNoCode()
    {
        BuildResult result = GeneratorHarness.Build("using Mlp;\npublic partial class Outer { [Affine(784, 0)] partial class M; }");
        Assert.Empty(result.Run.Results.Single().GeneratedSources);
    }

    /// <summary>Compiles a source with the generator and loads the assembly into a collectible context.</summary>
    private sealed class CSharpTestAssembly
    {
        private readonly Assembly _assembly;

        private CSharpTestAssembly(Assembly assembly) => _assembly = assembly;

        public static CSharpTestAssembly Emit(string source)
        {
            Compilation output = GeneratorHarness.Generate(source);
            using var stream = new MemoryStream();
            Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(stream);
            Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
            stream.Position = 0;
            var context = new AssemblyLoadContext("broken-model", isCollectible: true);
            context.Resolving += (_, name) => name.Name == typeof(AffineAttribute).Assembly.GetName().Name ? typeof(AffineAttribute).Assembly : null;
            return new CSharpTestAssembly(context.LoadFromStream(stream));
        }

        public Type Type(string name) => _assembly.GetType(name, throwOnError: true)!;
    }
}
