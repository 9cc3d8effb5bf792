using System.Collections.Generic;
using System.Linq;

namespace Mlp.Generators
{
    /// <summary>Where a public member sits among the generated class's private ones.</summary>
    internal enum SurfaceSection
    {
        Constants,
        Constructors,
        Members,
        Transfers,
    }

    /// <summary>How the valid model's emitter writes a member's body.</summary>
    internal enum SurfaceBody
    {
        /// <summary><c>{Declaration} = {Code};</c></summary>
        Constant,

        /// <summary><c>{Declaration} => {Code};</c></summary>
        Expression,

        /// <summary><c>{Declaration} : {Code}</c> and an empty body: a constructor calling another.</summary>
        ChainedConstructor,

        /// <summary>A statement body the emitter writes (<see cref="SurfaceMember.Block"/> says which).</summary>
        Block,
    }

    /// <summary>The member bodies <see cref="ModelEmitter"/> writes itself.</summary>
    internal enum SurfaceBlock
    {
        None,
        LayerOutput,
        Forward,
        Backward,
        BackwardToInputs,
        Transfer,
    }

    /// <summary>One public member of a generated model: its documentation, declaration and body.</summary>
    internal sealed class SurfaceMember
    {
        public SurfaceMember(SurfaceSection section, string[] doc, string declaration, SurfaceBody body, string code = "", SurfaceBlock block = SurfaceBlock.None)
        {
            Section = section;
            Doc = doc;
            Declaration = declaration;
            Body = body;
            Code = code;
            Block = block;
        }

        public SurfaceSection Section { get; }

        /// <summary>The documentation comment's lines, <c>///</c> included; empty for none.</summary>
        public string[] Doc { get; }

        /// <summary>The declaration up to its body, e.g. <c>public const int InputDim</c>.</summary>
        public string Declaration { get; }

        public SurfaceBody Body { get; }

        /// <summary>The constant's value, the expression, or the constructor initializer.</summary>
        public string Code { get; }

        public SurfaceBlock Block { get; }

        /// <summary>The index of the transfer a <see cref="SurfaceBlock.Transfer"/> member writes.</summary>
        public int Transfer { get; init; }

        /// <summary>
        /// The declaration in a broken model's shell, whose members all have expression bodies: a constant
        /// becomes a static property.
        /// </summary>
        public string ShellDeclaration => Body == SurfaceBody.Constant ? Declaration.Replace(" const ", " static ") : Declaration;
    }

    /// <summary>
    /// The generated public surface of a model, listed once: <see cref="ModelEmitter"/> writes it with bodies and
    /// <see cref="ModelShellEmitter"/> with throwing ones, so a broken model declares exactly what a valid one does.
    /// </summary>
    internal static class ModelSurface
    {
        private const string Span = "global::System.Span<float>";
        private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
        private static readonly string[] Inherit = { "/// <inheritdoc/>" };
        private static readonly string[] NoDoc = new string[0];

        public static IReadOnlyList<SurfaceMember> Of(ModelSpec model, ModelLayout layout)
        {
            string name = model.TypeName;
            var members = new List<SurfaceMember>
            {
                Constant(new[] { "/// <summary>Features per input example.</summary>" }, "public const int InputDim", layout.InputDim.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Constant(new[] { "/// <summary>Features per output example.</summary>" }, "public const int OutputDim", layout.OutputDim.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Constant(new[] { "/// <summary>The number of trainable values: the length of <see cref=\"AllValues\"/> and <see cref=\"AllGradients\"/>.</summary>" }, "public const int ParameterCount", layout.ParameterCount.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Constant(new[] { "/// <summary>The architecture as declared.</summary>" }, "public const string Architecture", $"\"{layout.Architecture}\""),

                new(SurfaceSection.Constructors, new[] { "/// <summary>Creates the model with Glorot-uniform weights and zero biases, from an unpredictable seed.</summary>" },
                    $"public {name}()", SurfaceBody.ChainedConstructor, "this(global::Mlp.RandomGenerator.FromEntropy())"),
                new(SurfaceSection.Constructors,
                    new[]
                    {
                        "/// <summary>",
                        "/// Creates the model with Glorot-uniform weights, <c>U(-s, s)</c> with <c>s = sqrt(6 / (fanIn + fanOut))</c>,",
                        "/// and zero biases; the same seed gives the same weights and, later, the same dropout masks.",
                        "/// </summary>",
                        "/// <param name=\"seed\">Seeds the model's <see cref=\"Random\"/> generator.</param>",
                    },
                    $"public {name}(int seed)", SurfaceBody.ChainedConstructor, "this(new global::Mlp.RandomGenerator(seed))"),
            };

            if (layout.HasState)
                members.Insert(3, Constant(new[] { "/// <summary>The number of state values that are not trained (running statistics): the length of <see cref=\"AllState\"/>.</summary>" },
                    "public const int StateCount", layout.StateCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));

            int index = 0;
            foreach (LayerLayout layer in layout.Layers)
                foreach (ParameterLayout p in layer.Parameters)
                    members.Add(Member(new[] { $"/// <summary>{p.Description}, {layer.Declaration}: shape {p.Shape}.</summary>" },
                        $"public global::Mlp.Parameter {p.MemberName}", $"_parameters[{index++}]"));
            int stateIndex = 0;
            foreach (LayerLayout layer in layout.Layers)
                foreach (StateLayout t in layer.States)
                    members.Add(Member(new[] { $"/// <summary>{t.Description}, {layer.Declaration}: shape ({t.Length}), not trained.</summary>" },
                        $"public global::Mlp.StateTensor {t.MemberName}", $"_stateTensors[{stateIndex++}]"));
            foreach (LayerLayout layer in layout.Layers)
                members.Add(Member(new[] { $"/// <summary>The outputs of layer {layer.Index}, {layer.Declaration}, from the last <see cref=\"Forward\"/>: (batch, {layer.Spec.OutputDim}).</summary>" },
                    $"public {ReadOnlySpan} Layer{layer.Index}Output", $"Slice({layer.OutputBuffer}, 0, _batchSize * {layer.Spec.OutputDim})"));

            members.Add(Member(Inherit, "public global::System.Collections.Generic.IReadOnlyList<global::Mlp.LayerInfo> Layers", "s_layers"));
            members.Add(Member(Inherit, "public global::System.Collections.Generic.IReadOnlyList<global::Mlp.Parameter> Parameters", "_parameterList"));
            members.Add(Member(Inherit, $"public {Span} AllValues", "_values"));
            members.Add(Member(Inherit, $"public {Span} AllGradients", "_gradients"));
            if (layout.HasState)
            {
                members.Add(Member(Inherit, "public global::System.Collections.Generic.IReadOnlyList<global::Mlp.StateTensor> StateTensors", "_stateTensorList"));
                members.Add(Member(Inherit, $"public {Span} AllState", "_state"));
            }
            members.Add(Member(Inherit, "public global::Mlp.RandomGenerator Random", "_random"));
            members.Add(Member(NoDoc, "int global::Mlp.IModel.InputDim", "InputDim"));
            members.Add(Member(NoDoc, "int global::Mlp.IModel.OutputDim", "OutputDim"));
            members.Add(Member(NoDoc, "string global::Mlp.IModel.Architecture", "Architecture"));
            members.Add(Member(new[] { "/// <summary>The model's summary: each layer with its output shape and parameter count, and the totals.</summary>" },
                "public override string ToString()", "global::Mlp.ModelSummary.Summary(this)"));
            members.Add(Block(Inherit, $"public {ReadOnlySpan} LayerOutput(int index)", SurfaceBlock.LayerOutput));
            members.Add(Block(Inherit, $"public {ReadOnlySpan} Forward({ReadOnlySpan} inputs, int batchSize, bool training = false)", SurfaceBlock.Forward));
            members.Add(Block(Inherit, $"public void Backward({ReadOnlySpan} gradsWrtOutputs)", SurfaceBlock.Backward));
            members.Add(Block(Inherit, $"public void Backward({ReadOnlySpan} gradsWrtOutputs, {Span} gradsWrtInputs)", SurfaceBlock.BackwardToInputs));

            for (int t = 0; t < model.Transfers.Count; t++)
            {
                TransferSpec transfer = model.Transfers[t];
                string[] doc =
                {
                    "/// <summary>",
                    $"/// Copies the weights and biases of layer {transfer.SourceLayer} of <see cref=\"{transfer.SourceTypeName}\"/> into layer {transfer.Layer},",
                    $"/// both {layout.Layers[transfer.Layer].Declaration} (checked at compile time): the start of pre-training or transfer learning.",
                    "/// </summary>",
                    "/// <param name=\"source\">The trained model to copy from.</param>",
                };
                members.Add(new SurfaceMember(SurfaceSection.Transfers, doc, $"public void CopyLayer{transfer.Layer}From({transfer.SourceTypeName} source)", SurfaceBody.Block, block: SurfaceBlock.Transfer) { Transfer = t });
            }
            return members;
        }

        private static SurfaceMember Constant(string[] doc, string declaration, string value) =>
            new(SurfaceSection.Constants, doc, declaration, SurfaceBody.Constant, value);

        private static SurfaceMember Member(string[] doc, string declaration, string expression) =>
            new(SurfaceSection.Members, doc, declaration, SurfaceBody.Expression, expression);

        private static SurfaceMember Block(string[] doc, string declaration, SurfaceBlock block) =>
            new(SurfaceSection.Members, doc, declaration, SurfaceBody.Block, block: block);
    }
}
