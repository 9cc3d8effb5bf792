using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Mlp.Generators
{
    /// <summary>
    /// Reports the MLP diagnostics for every class that declares layers. It shares <see cref="ModelParser"/>
    /// with <see cref="ModelGenerator"/>, which only emits code for models without errors: keeping the
    /// diagnostics here leaves the generator's pipeline free of locations, so its steps stay cacheable.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ModelAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.AffineDimensionMismatch,
            DiagnosticDescriptors.NonPositiveDimension,
            DiagnosticDescriptors.ModelNotPartial,
            DiagnosticDescriptors.NoAffineLayer,
            DiagnosticDescriptors.InvalidLayerArgument,
            DiagnosticDescriptors.NestedModel,
            DiagnosticDescriptors.GenericModel,
            DiagnosticDescriptors.UnsupportedModelKind,
            DiagnosticDescriptors.LayersOnSeveralDeclarations,
            DiagnosticDescriptors.TransferSourceNotModel,
            DiagnosticDescriptors.TransferLayerNotAffine,
            DiagnosticDescriptors.TransferShapeMismatch,
            DiagnosticDescriptors.DuplicateTransfer,
            DiagnosticDescriptors.ModelTooLarge,
            DiagnosticDescriptors.UnexpectedLayerArguments);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
        }

        private static void AnalyzeType(SymbolAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            if (!ModelParser.DeclaresModel(type))
                return;
            var diagnostics = new List<Diagnostic>();
            ModelParser.Parse(type, diagnostics, context.CancellationToken);
            foreach (Diagnostic diagnostic in diagnostics)
                context.ReportDiagnostic(diagnostic);
        }
    }
}
