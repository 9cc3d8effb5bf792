using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mlp.Generators
{
    /// <summary>
    /// The pipeline: find classes carrying <c>[Affine]</c>, parse each into a <see cref="ModelSpec"/>
    /// (equatable data only), and emit its forward and backward code. Classes with errors get only their members
    /// declared (<see cref="ModelShellEmitter"/>), so that the errors <see cref="ModelAnalyzer"/> reports stay the only ones.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelGenerator : IIncrementalGenerator
    {
        /// <summary>The tracking name of the step producing model specs, for incrementality tests.</summary>
        public const string ModelsStep = "Models";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<ModelSpec> models = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    KnownNames.AffineAttribute,
                    predicate: static (node, _) => node is TypeDeclarationSyntax,
                    transform: static (syntaxContext, cancellationToken) =>
                        syntaxContext.TargetSymbol is INamedTypeSymbol type
                            ? ModelParser.Parse(type, diagnostics: null, cancellationToken)
                            : null)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(ModelsStep);

            context.RegisterSourceOutput(models, static (output, model) =>
                output.AddSource(model.FullName + ".g.cs", model.HasErrors ? ModelShellEmitter.Emit(model) : ModelEmitter.Emit(model)));
        }
    }
}
