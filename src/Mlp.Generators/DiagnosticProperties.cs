namespace Mlp.Generators
{
    /// <summary>
    /// Keys of the facts a diagnostic carries in its <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/>,
    /// so that a code fix need not parse the model again.
    /// </summary>
    internal static class DiagnosticProperties
    {
        /// <summary>On MLP001: the output dimension of the layer before, i.e. the input dimension the Affine layer needs.</summary>
        public const string ExpectedInputDim = "ExpectedInputDim";
    }
}
