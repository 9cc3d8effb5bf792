using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Mlp.Generators;

namespace Mlp.CodeFixes
{
    /// <summary>
    /// The fix for MLP001 (Affine dimensions that do not chain): makes the offending Affine layer's input
    /// dimension the output dimension of the layer before it, as the diagnostic's message suggests.
    /// </summary>
    /// <remarks>
    /// The analyzer puts the dimension needed into the diagnostic's properties, so the fix does not re-parse the model.
    /// Only the input-dimension argument of the reported attribute changes, written positionally
    /// (<c>Affine(60, 10)</c>) or by name (<c>Affine(outputDim: 10, inputDim: 60)</c>); its trivia is kept.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AffineInputDimensionCodeFix)), Shared]
    public sealed class AffineInputDimensionCodeFix : CodeFixProvider
    {
        /// <summary>The equivalence key of the fix's code actions: one key, so that Fix All applies every one of them.</summary>
        public const string EquivalenceKey = "Mlp.MakeAffineInputDimensionChain";

        private const string InputDimParameter = "inputDim";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.AffineDimensionMismatch.Id);

        /// <summary>Every MLP001 can be fixed independently of the others, so the batch fixer merges them.</summary>
        /// <returns><see cref="WellKnownFixAllProviders.BatchFixer"/>.</returns>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
                return;
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.ExpectedInputDim, out string? text) ||
                    !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int expected))
                {
                    continue; // not reported by this version of the analyzer: nothing reliable to change it to
                }
                if (root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute ||
                    InputDimArgument(attribute) is not { } argument)
                {
                    continue;
                }
                string title = "Make the input dimension " + expected.ToString(CultureInfo.InvariantCulture);
                context.RegisterCodeFix(
                    CodeAction.Create(title, cancellationToken => ReplaceAsync(context.Document, argument, expected, cancellationToken), EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The argument that binds to <c>inputDim</c>: the one named so, else the first when it is positional.</summary>
        private static ExpressionSyntax? InputDimArgument(AttributeSyntax attribute)
        {
            SeparatedSyntaxList<AttributeArgumentSyntax> arguments = attribute.ArgumentList?.Arguments ?? default;
            AttributeArgumentSyntax? named = arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == InputDimParameter);
            if (named is not null)
                return named.Expression;
            return arguments.Count > 0 && arguments[0].NameColon is null && arguments[0].NameEquals is null ? arguments[0].Expression : null;
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax argument, int expected, CancellationToken cancellationToken)
        {
            SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
                return document;
            LiteralExpressionSyntax literal = SyntaxFactory
                .LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(expected))
                .WithTriviaFrom(argument);
            return document.WithSyntaxRoot(root.ReplaceNode(argument, literal));
        }
    }
}
