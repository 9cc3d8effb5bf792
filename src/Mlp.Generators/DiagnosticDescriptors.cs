using Microsoft.CodeAnalysis;

namespace Mlp.Generators
{
    /// <summary>Every diagnostic the Mlp analyzer reports. Ids are stable: they are tracked in AnalyzerReleases.*.md.</summary>
    internal static class DiagnosticDescriptors
    {
        private const string ModelCategory = "Mlp.Model";
        private const string TransferCategory = "Mlp.Transfer";

        public static readonly DiagnosticDescriptor AffineDimensionMismatch = Error(
            "MLP001", ModelCategory,
            "Affine dimensions do not chain",
            "Affine layer {0} takes {1} inputs but the layer before it outputs {2} ({2} ≠ {1}); make its input dimension {2}");

        public static readonly DiagnosticDescriptor NonPositiveDimension = Error(
            "MLP002", ModelCategory,
            "Affine dimensions must be positive",
            "Affine layer {0} has {1} dimension {2}; dimensions must be at least 1");

        public static readonly DiagnosticDescriptor ModelNotPartial = Error(
            "MLP003", ModelCategory,
            "A model class must be partial",
            "'{0}' declares layers but is not partial; add the 'partial' modifier so that the generator can write its Forward and Backward");

        public static readonly DiagnosticDescriptor NoAffineLayer = Error(
            "MLP004", ModelCategory,
            "A model needs an Affine layer",
            "'{0}' declares layers but no Affine layer; a model needs at least one to have parameters and dimensions");

        public static readonly DiagnosticDescriptor InvalidLayerArgument = Error(
            "MLP005", ModelCategory,
            "Invalid layer argument",
            "Layer {0}, {1}: {2}");

        public static readonly DiagnosticDescriptor NestedModel = Error(
            "MLP006", ModelCategory,
            "Nested model classes are not supported",
            "'{0}' is nested inside '{1}'; declare models directly in a namespace");

        public static readonly DiagnosticDescriptor GenericModel = Error(
            "MLP007", ModelCategory,
            "Generic model classes are not supported",
            "'{0}' has type parameters; a model's layers and sizes are fixed, so declare it without them");

        public static readonly DiagnosticDescriptor UnsupportedModelKind = Error(
            "MLP008", ModelCategory,
            "A model must be a plain class",
            "'{0}' is {1}; declare the model as a non-static, non-abstract 'partial class'");

        public static readonly DiagnosticDescriptor LayersOnSeveralDeclarations = Error(
            "MLP009", ModelCategory,
            "Layer attributes must be on one declaration",
            "'{0}' has layer attributes on more than one partial declaration, so their order is undefined; put them all on one declaration");

        public static readonly DiagnosticDescriptor TransferSourceNotModel = Error(
            "MLP010", TransferCategory,
            "The transfer source is not a model",
            "'{0}' is not a model: it declares no Affine layer to copy from");

        public static readonly DiagnosticDescriptor TransferLayerNotAffine = Error(
            "MLP011", TransferCategory,
            "Weights can only be transferred between Affine layers",
            "{0}");

        public static readonly DiagnosticDescriptor TransferShapeMismatch = Error(
            "MLP012", TransferCategory,
            "Transferred layer shapes differ",
            "Layer {0} of '{1}' is {2} but layer {3} of '{4}' is {5}; weights can only be copied between Affine layers of the same shape");

        public static readonly DiagnosticDescriptor DuplicateTransfer = Error(
            "MLP013", TransferCategory,
            "A layer receives weights from two transfers",
            "Layer {0} already receives weights from another TransferLayer attribute on '{1}'");

        public static readonly DiagnosticDescriptor ModelTooLarge = Error(
            "MLP014", ModelCategory,
            "The model is too large",
            "'{0}' has {1} parameters or a layer {2} features wide; a model's parameters and one example's activations must each fit one array ({3} elements)");

        public static readonly DiagnosticDescriptor UnexpectedLayerArguments = Error(
            "MLP015", ModelCategory,
            "A layer attribute has unexpected arguments",
            "'{0}' does not have the arguments of Mlp's {1}; is another type of that name in scope?");

        private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
            new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                description: "See the Diagnostics section of the Mlp README for an example of each mistake and its fix.");
    }
}
