using Microsoft.CodeAnalysis;

namespace Mlp.Generators
{
    /// <summary>The runtime types the generator recognises, by metadata name.</summary>
    internal static class KnownNames
    {
        public const string AffineAttribute = "Mlp.AffineAttribute";
        public const string TransferLayerAttribute = "TransferLayerAttribute";

        /// <summary>The layer kind an attribute class declares, or null when it is not an Mlp layer attribute.</summary>
        public static LayerKind? LayerKindOf(INamedTypeSymbol? attributeClass)
        {
            if (!IsInMlpNamespace(attributeClass))
                return null;
            return LayerCatalogue.ByAttributeName(attributeClass!.Name)?.Kind;
        }

        public static bool IsTransferAttribute(INamedTypeSymbol? attributeClass) =>
            IsInMlpNamespace(attributeClass) && attributeClass!.Name == TransferLayerAttribute;

        private static bool IsInMlpNamespace(INamedTypeSymbol? type) =>
            type is { TypeKind: not TypeKind.Error, ContainingType: null } &&
            type.ContainingNamespace is { Name: "Mlp", ContainingNamespace.IsGlobalNamespace: true };
    }
}
