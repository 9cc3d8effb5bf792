namespace Mlp.Generators
{
    /// <summary>Writes one layer's forward and backward methods: a single runtime kernel call each, with constant sizes.</summary>
    internal static class LayerMethods
    {
        private const string Span = "global::System.Span<float>";
        private const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
        private const string BackwardParameters = "(int batchSize, " + ReadOnlySpan + " gradsWrtOutputs, " + Span + " gradsWrtInputs)";

        public static void Write(IndentedWriter w, ModelLayout layout, LayerLayout layer)
        {
            int i = layer.Index, inDim = layer.Spec.InputDim, outDim = layer.Spec.OutputDim;
            string inputs = $"Slice({layout.InputBuffer(layer)}, 0, batchSize * {inDim})";
            string outputs = $"Slice({layer.OutputBuffer}, 0, batchSize * {outDim})";
            string name = layer.MethodName;
            string arg = ModelEmitter.Float(layer.Spec.Argument);

            switch (layer.Spec.Kind)
            {
                case LayerKind.Affine:
                    string weights = $"Slice(_values, Layer{i}WeightsOffset, {outDim} * {inDim})";
                    string sizes = $"batchSize, inputDim: {inDim}, outputDim: {outDim}";
                    Method(w, $"Forward{name}(int batchSize)", "global::Mlp.Kernels.AffineKernel.Forward", inputs, weights, $"Slice(_values, Layer{i}BiasesOffset, {outDim})", outputs, sizes);
                    Method(w, $"Backward{name}Parameters(int batchSize, {ReadOnlySpan} gradsWrtOutputs)", "global::Mlp.Kernels.AffineKernel.BackwardParameters", "gradsWrtOutputs", inputs, $"Slice(_gradients, Layer{i}WeightsOffset, {outDim} * {inDim})", $"Slice(_gradients, Layer{i}BiasesOffset, {outDim})", sizes);
                    Method(w, $"Backward{name}Inputs{BackwardParameters}", "global::Mlp.Kernels.AffineKernel.BackwardInputs", "gradsWrtOutputs", weights, "gradsWrtInputs", sizes);
                    break;
                case LayerKind.Relu:
                    Method(w, $"Forward{name}(int batchSize)", "global::Mlp.Kernels.ReluKernel.Forward", inputs, outputs);
                    Method(w, $"Backward{name}{BackwardParameters}", "global::Mlp.Kernels.ReluKernel.Backward", outputs, "gradsWrtOutputs", "gradsWrtInputs");
                    break;
                case LayerKind.LeakyRelu:
                    Method(w, $"Forward{name}(int batchSize)", "global::Mlp.Kernels.LeakyReluKernel.Forward", inputs, outputs, $"alpha: {arg}");
                    Method(w, $"Backward{name}{BackwardParameters}", "global::Mlp.Kernels.LeakyReluKernel.Backward", inputs, "gradsWrtOutputs", "gradsWrtInputs", $"alpha: {arg}");
                    break;
                case LayerKind.Elu:
                    Method(w, $"Forward{name}(int batchSize)", "global::Mlp.Kernels.EluKernel.Forward", inputs, outputs, $"alpha: {arg}");
                    Method(w, $"Backward{name}{BackwardParameters}", "global::Mlp.Kernels.EluKernel.Backward", inputs, outputs, "gradsWrtOutputs", "gradsWrtInputs", $"alpha: {arg}");
                    break;
                case LayerKind.Sigmoid:
                    Method(w, $"Forward{name}(int batchSize)", "global::Mlp.Kernels.SigmoidKernel.Forward", inputs, outputs);
                    Method(w, $"Backward{name}{BackwardParameters}", "global::Mlp.Kernels.SigmoidKernel.Backward", outputs, "gradsWrtOutputs", "gradsWrtInputs");
                    break;
                case LayerKind.Tanh:
                    Method(w, $"Forward{name}(int batchSize)", "global::Mlp.Kernels.TanhKernel.Forward", inputs, outputs);
                    Method(w, $"Backward{name}{BackwardParameters}", "global::Mlp.Kernels.TanhKernel.Backward", outputs, "gradsWrtOutputs", "gradsWrtInputs");
                    break;
                case LayerKind.Softmax:
                    Method(w, $"Forward{name}(int batchSize)", "global::Mlp.Kernels.SoftmaxKernel.Forward", inputs, outputs, $"width: {outDim}");
                    Method(w, $"Backward{name}{BackwardParameters}", "global::Mlp.Kernels.SoftmaxKernel.Backward", outputs, "gradsWrtOutputs", "gradsWrtInputs", $"width: {outDim}");
                    break;
                case LayerKind.Dropout:
                    string mask = $"Slice({layer.MaskBuffer}, 0, batchSize * {outDim})";
                    using (w.Block($"private void Forward{name}(int batchSize)"))
                    {
                        w.Line("if (_training)");
                        w.Line($"    global::Mlp.Kernels.DropoutKernel.ForwardTraining({inputs}, {mask}, {outputs}, inclusionProbability: {arg}, _random);");
                        w.Line("else");
                        w.Line($"    global::Mlp.Kernels.DropoutKernel.ForwardEvaluation({inputs}, {outputs}, inclusionProbability: {arg});");
                    }
                    w.Line();
                    using (w.Block($"private void Backward{name}{BackwardParameters}"))
                    {
                        w.Line("if (_training)");
                        w.Line($"    global::Mlp.Kernels.DropoutKernel.BackwardTraining({mask}, gradsWrtOutputs, gradsWrtInputs);");
                        w.Line("else");
                        w.Line($"    global::Mlp.Kernels.DropoutKernel.BackwardEvaluation(gradsWrtOutputs, gradsWrtInputs, inclusionProbability: {arg});");
                    }
                    w.Line();
                    break;
            }
        }

        // An expression-bodied method calling one kernel; long argument lists go one to a line.
        private static void Method(IndentedWriter w, string signature, string kernel, params string[] arguments)
        {
            w.Line($"private void {signature} =>");
            string call = $"{kernel}({string.Join(", ", arguments)});";
            if (call.Length <= 110)
            {
                w.Line($"    {call}");
            }
            else
            {
                w.Line($"    {kernel}(");
                for (int i = 0; i < arguments.Length; i++)
                    w.Line($"        {arguments[i]}{(i == arguments.Length - 1 ? ");" : ",")}");
            }
            w.Line();
        }
    }
}
