using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mlp.Generators
{
    /// <summary>
    /// Reads a class's layer attributes into a <see cref="ModelSpec"/>, checking everything the compiler cannot:
    /// that the dimensions chain, the arguments are valid and weight transfers match. Shared by the generator
    /// (which only wants the spec) and the analyzer (which reports the diagnostics).
    /// </summary>
    internal static class ModelParser
    {
        /// <summary>Whether <paramref name="type"/> carries any Mlp layer or transfer attribute.</summary>
        public static bool DeclaresModel(INamedTypeSymbol type)
        {
            foreach (AttributeData attribute in type.GetAttributes())
                if (KnownNames.LayerKindOf(attribute.AttributeClass) is not null || KnownNames.IsTransferAttribute(attribute.AttributeClass))
                    return true;
            return false;
        }

        /// <summary>
        /// Parses <paramref name="type"/>. With errors, the spec is marked <see cref="ModelSpec.HasErrors"/> when members
        /// can still be declared on the class (a top-level, non-generic, partial class), and null otherwise.
        /// </summary>
        /// <param name="type">The class carrying the layer attributes.</param>
        /// <param name="diagnostics">Receives the problems found; null when only the spec is wanted.</param>
        /// <param name="cancellationToken">Stops the work when the compilation is abandoned.</param>
        public static ModelSpec? Parse(INamedTypeSymbol type, List<Diagnostic>? diagnostics, CancellationToken cancellationToken)
        {
            var report = new Reporter(diagnostics);
            CheckTypeShape(type, report, cancellationToken);
            bool canDeclareMembers = !report.HasErrors;
            string? ns = type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString();

            List<DeclaredLayer>? declared = ReadLayers(type, report, cancellationToken);
            if (declared is null) // an attribute that could not be read: the compiler or the reporter says why
                return canDeclareMembers ? new ModelSpec(ns, type.Name, EquatableArray<LayerSpec>.Empty, EquatableArray<TransferSpec>.Empty, HasErrors: true) : null;
            LayerSpec[] layers = ResolveWidths(type.Name, declared, report);
            CheckArguments(declared, report);
            CheckSize(type, layers, report);
            TransferSpec[] transfers = ReadTransfers(type, layers, report, cancellationToken);

            if (report.HasErrors && !canDeclareMembers)
                return null;
            return new ModelSpec(ns, type.Name, new EquatableArray<LayerSpec>(layers), new EquatableArray<TransferSpec>(transfers), report.HasErrors);
        }

        private static void CheckTypeShape(INamedTypeSymbol type, Reporter report, CancellationToken cancellationToken)
        {
            Location location = type.Locations.FirstOrDefault() ?? Location.None;
            if (type.ContainingType is not null)
                report.Add(DiagnosticDescriptors.NestedModel, location, type.Name, type.ContainingType.Name);
            if (type.TypeParameters.Length > 0)
                report.Add(DiagnosticDescriptors.GenericModel, location, type.Name);

            string? kind = type.TypeKind != TypeKind.Class ? "not a class"
                : type.IsRecord ? "a record"
                : type.IsStatic ? "a static class"
                : type.IsAbstract ? "an abstract class"
                : null;
            if (kind is not null)
                report.Add(DiagnosticDescriptors.UnsupportedModelKind, location, type.Name, kind);

            var declarationsWithLayers = new HashSet<SyntaxNode>();
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration &&
                    !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    report.Add(DiagnosticDescriptors.ModelNotPartial, declaration.Identifier.GetLocation(), type.Name);
                }
            }
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (KnownNames.LayerKindOf(attribute.AttributeClass) is not null &&
                    attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } owner)
                {
                    declarationsWithLayers.Add(owner);
                }
            }
            if (declarationsWithLayers.Count > 1)
                report.Add(DiagnosticDescriptors.LayersOnSeveralDeclarations, location, type.Name);
        }

        /// <summary>The layer attributes in source order, or null when one of them could not be read.</summary>
        private static List<DeclaredLayer>? ReadLayers(INamedTypeSymbol type, Reporter? report, CancellationToken cancellationToken)
        {
            var layers = new List<DeclaredLayer>();
            foreach (AttributeData attribute in InSourceOrder(type.GetAttributes()))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (KnownNames.LayerKindOf(attribute.AttributeClass) is not LayerKind kind)
                    continue;
                Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;
                if (attribute.AttributeConstructor is null || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error))
                    return null; // the compiler reports why it could not bind the attribute
                var arguments = attribute.ConstructorArguments;
                LayerRow row = LayerCatalogue.Of(kind);
                if (!HasExpectedArguments(row, arguments))
                {
                    report?.Add(DiagnosticDescriptors.UnexpectedLayerArguments, location, attribute.AttributeClass!.Name, row.AttributeSignature);
                    return null;
                }
                layers.Add(row.DeclaresWidths
                    ? new DeclaredLayer(kind, location, (int)arguments[0].Value!, (int)arguments[1].Value!, 0f)
                    : new DeclaredLayer(kind, location, 0, 0, row.Argument is null ? 0f : (float)arguments[0].Value!));
            }
            return layers;
        }

        /// <summary>
        /// Gives every layer its widths: an Affine layer's are declared, the others take the width of the layer
        /// before them (leading ones that of the first Affine layer's input). Reports widths that do not chain.
        /// </summary>
        private static LayerSpec[] ResolveWidths(string modelName, List<DeclaredLayer> declared, Reporter report)
        {
            var layers = new LayerSpec[declared.Count];
            int firstAffine = declared.FindIndex(l => LayerCatalogue.Of(l.Kind).DeclaresWidths);
            if (firstAffine < 0)
            {
                report.Add(DiagnosticDescriptors.NoAffineLayer, declared.Count > 0 ? declared[0].Location : Location.None, modelName);
                return layers.Length == 0 ? layers : declared.Select(l => new LayerSpec(l.Kind, 0, 0, l.Argument)).ToArray();
            }

            int width = declared[firstAffine].InputDim;
            for (int i = 0; i < declared.Count; i++)
            {
                DeclaredLayer layer = declared[i];
                if (!LayerCatalogue.Of(layer.Kind).DeclaresWidths)
                {
                    layers[i] = new LayerSpec(layer.Kind, width, width, layer.Argument);
                    continue;
                }
                if (layer.InputDim <= 0)
                    report.Add(DiagnosticDescriptors.NonPositiveDimension, layer.Location, i, "input", layer.InputDim);
                if (layer.OutputDim <= 0)
                    report.Add(DiagnosticDescriptors.NonPositiveDimension, layer.Location, i, "output", layer.OutputDim);
                if (width > 0 && layer.InputDim > 0 && layer.InputDim != width)
                {
                    var properties = ImmutableDictionary<string, string?>.Empty
                        .Add(DiagnosticProperties.ExpectedInputDim, width.ToString(CultureInfo.InvariantCulture));
                    report.Add(DiagnosticDescriptors.AffineDimensionMismatch, layer.Location, properties, i, layer.InputDim, width);
                }
                layers[i] = new LayerSpec(layer.Kind, layer.InputDim, layer.OutputDim, 0f);
                width = layer.OutputDim;
            }
            return layers;
        }

        private static void CheckArguments(List<DeclaredLayer> declared, Reporter report)
        {
            for (int i = 0; i < declared.Count; i++)
            {
                DeclaredLayer layer = declared[i];
                string? problem = LayerCatalogue.Of(layer.Kind).Argument?.Problem(layer.Argument);
                if (problem is not null)
                    report.Add(DiagnosticDescriptors.InvalidLayerArgument, layer.Location, i, layer.Kind, problem);
            }
        }

        // Offsets and buffer lengths are ints in the generated code; refuse what would overflow them.
        private static void CheckSize(INamedTypeSymbol type, LayerSpec[] layers, Reporter report)
        {
            const long MaxArrayLength = 0x7FFFFFC7; // Array.MaxLength, which netstandard2.0 lacks
            long parameters = 0;
            int widest = 0;
            foreach (LayerSpec layer in layers)
            {
                parameters += LayerCatalogue.Of(layer.Kind).ParameterCount(layer.InputDim, layer.OutputDim);
                widest = System.Math.Max(widest, System.Math.Max(layer.InputDim, layer.OutputDim));
            }
            if (parameters > MaxArrayLength)
                report.Add(DiagnosticDescriptors.ModelTooLarge, type.Locations.FirstOrDefault() ?? Location.None,
                    type.Name, parameters.ToString("N0", CultureInfo.InvariantCulture), widest.ToString("N0", CultureInfo.InvariantCulture), MaxArrayLength.ToString("N0", CultureInfo.InvariantCulture));
        }

        private static TransferSpec[] ReadTransfers(INamedTypeSymbol type, LayerSpec[] layers, Reporter report, CancellationToken cancellationToken)
        {
            var transfers = new List<TransferSpec>();
            foreach (AttributeData attribute in InSourceOrder(type.GetAttributes()))
            {
                if (!KnownNames.IsTransferAttribute(attribute.AttributeClass))
                    continue;
                var arguments = attribute.ConstructorArguments;
                Location location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;
                if (attribute.AttributeConstructor is null || arguments.Any(a => a.Kind == TypedConstantKind.Error) ||
                    arguments.Length != 3 || arguments[0].Value is not int layer || arguments[2].Value is not int sourceLayer ||
                    arguments[1].Value is ITypeSymbol { TypeKind: TypeKind.Error })
                {
                    report.MarkError(); // the compiler reports the unbound attribute
                    continue;
                }
                if (arguments[1].Value is not INamedTypeSymbol source)
                {
                    string name = arguments[1].Value is ITypeSymbol other ? other.ToDisplayString() : "null";
                    report.Add(DiagnosticDescriptors.TransferSourceNotModel, location, name);
                    continue;
                }

                bool targetOk = CheckTransferEnd(layers, layer, type.Name, location, report);
                List<DeclaredLayer>? sourceDeclared = ReadLayers(source, report: null, cancellationToken);
                if (sourceDeclared is null)
                {
                    report.MarkError();
                    continue;
                }
                if (!sourceDeclared.Any(l => l.Kind == LayerKind.Affine))
                {
                    report.Add(DiagnosticDescriptors.TransferSourceNotModel, location, source.Name);
                    continue;
                }
                LayerSpec[] sourceLayers = ResolveWidths(source.Name, sourceDeclared, new Reporter(null));
                bool sourceOk = CheckTransferEnd(sourceLayers, sourceLayer, source.Name, location, report);
                if (!targetOk || !sourceOk)
                    continue;

                LayerSpec target = layers[layer], from = sourceLayers[sourceLayer];
                if (target.InputDim != from.InputDim || target.OutputDim != from.OutputDim)
                {
                    report.Add(DiagnosticDescriptors.TransferShapeMismatch, location,
                        layer, type.Name, Describe(target), sourceLayer, source.Name, Describe(from));
                    continue;
                }
                if (transfers.Any(t => t.Layer == layer))
                {
                    report.Add(DiagnosticDescriptors.DuplicateTransfer, location, layer, type.Name);
                    continue;
                }
                transfers.Add(new TransferSpec(layer, source.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), sourceLayer));
            }
            return transfers.ToArray();
        }

        private static bool CheckTransferEnd(LayerSpec[] layers, int index, string modelName, Location location, Reporter report)
        {
            if (index < 0 || index >= layers.Length)
            {
                report.Add(DiagnosticDescriptors.TransferLayerNotAffine, location,
                    $"'{modelName}' has {layers.Length} layers (0 to {layers.Length - 1}); there is no layer {index}");
                return false;
            }
            if (layers[index].Kind != LayerKind.Affine)
            {
                report.Add(DiagnosticDescriptors.TransferLayerNotAffine, location,
                    $"Layer {index} of '{modelName}' is {layers[index].Kind}, not an Affine layer");
                return false;
            }
            return true;
        }

        private static string Describe(LayerSpec layer) => $"Affine({layer.InputDim}, {layer.OutputDim})";

        // A type named like ours but declared elsewhere (or a future runtime) may bind with other arguments.
        private static bool HasExpectedArguments(LayerRow row, ImmutableArray<TypedConstant> arguments) =>
            row.DeclaresWidths ? arguments.Length == 2 && arguments[0].Value is int && arguments[1].Value is int
            : row.Argument is not null ? arguments.Length == 1 && arguments[0].Value is float
            : arguments.Length == 0;

        private static IEnumerable<AttributeData> InSourceOrder(IEnumerable<AttributeData> attributes) =>
            attributes
                .Select((attribute, index) => (attribute, index, syntax: attribute.ApplicationSyntaxReference))
                .OrderBy(a => a.syntax?.SyntaxTree.FilePath ?? string.Empty, System.StringComparer.Ordinal)
                .ThenBy(a => a.syntax?.Span.Start ?? a.index)
                .Select(a => a.attribute);

        private readonly struct DeclaredLayer
        {
            public DeclaredLayer(LayerKind kind, Location location, int inputDim, int outputDim, float argument)
            {
                Kind = kind;
                Location = location;
                InputDim = inputDim;
                OutputDim = outputDim;
                Argument = argument;
            }

            public LayerKind Kind { get; }
            public Location Location { get; }
            public int InputDim { get; }
            public int OutputDim { get; }
            public float Argument { get; }
        }

        /// <summary>Collects diagnostics when asked to, and always remembers whether there was an error.</summary>
        private sealed class Reporter
        {
            private readonly List<Diagnostic>? _diagnostics;

            public Reporter(List<Diagnostic>? diagnostics) => _diagnostics = diagnostics;

            public bool HasErrors { get; private set; }

            public void MarkError() => HasErrors = true;

            public void Add(DiagnosticDescriptor descriptor, Location location, params object[] arguments) =>
                Add(descriptor, location, ImmutableDictionary<string, string?>.Empty, arguments);

            public void Add(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?> properties, params object[] arguments)
            {
                HasErrors = true;
                _diagnostics?.Add(Diagnostic.Create(descriptor, location, properties, arguments));
            }
        }
    }
}
