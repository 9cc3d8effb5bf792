using System.Collections.Generic;
using System.Linq;

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
            int inDim = layer.Spec.InputDim, outDim = layer.Spec.OutputDim;
            string inputs = $"Slice({layout.InputBuffer(layer)}, 0, batchSize * {inDim})";
            string outputs = $"Slice({layer.OutputBuffer}, 0, batchSize * {outDim})";
            string name = layer.MethodName;
            LayerKernel kernel = layer.Row.Kernel;
            string Kernel(string method) => $"global::Mlp.Kernels.{kernel.Type}.{method}";

            // The argument by its name, and the row width for a kernel that works on whole rows.
            var named = new List<string>();
            if (layer.Row.Argument is { } argument)
                named.Add($"{argument.Name}: {ModelEmitter.Float(layer.Spec.Argument)}");
            if (kernel.TakesWidth)
                named.Add($"width: {outDim}");

            switch (layer.Row.Form)
            {
                case LayerForm.Affine:
                    string[] values = layer.Parameters.Select(p => Slice("_values", p)).ToArray();
                    string[] gradients = layer.Parameters.Select(p => Slice("_gradients", p)).ToArray();
                    string sizes = $"batchSize, inputDim: {inDim}, outputDim: {outDim}";
                    Method(w, $"Forward{name}(int batchSize)", Kernel(kernel.Forward), [inputs, .. values, outputs, sizes]);
                    Method(w, $"Backward{name}Parameters(int batchSize, {ReadOnlySpan} gradsWrtOutputs)", Kernel(kernel.BackwardParameters!), ["gradsWrtOutputs", inputs, .. gradients, sizes]);
                    Method(w, $"Backward{name}Inputs{BackwardParameters}", Kernel(kernel.Backward), "gradsWrtOutputs", values[0], "gradsWrtInputs", sizes);
                    break;
                case LayerForm.Activation:
                    var reads = new List<string>();
                    if ((layer.Row.BackwardReads & LayerTensors.Inputs) != 0)
                        reads.Add(inputs);
                    if ((layer.Row.BackwardReads & LayerTensors.Outputs) != 0)
                        reads.Add(outputs);
                    Method(w, $"Forward{name}(int batchSize)", Kernel(kernel.Forward), [inputs, outputs, .. named]);
                    Method(w, $"Backward{name}{BackwardParameters}", Kernel(kernel.Backward), [.. reads, "gradsWrtOutputs", "gradsWrtInputs", .. named]);
                    break;
                case LayerForm.Dropout:
                    string mask = $"Slice({layer.MaskBuffer}, 0, batchSize * {outDim})";
                    string probability = named[0];
                    using (w.Block($"private void Forward{name}(int batchSize)"))
                    {
                        w.Line("if (_training)");
                        w.Line($"    {Kernel(kernel.Forward)}({inputs}, {mask}, {outputs}, {probability}, _random);");
                        w.Line("else");
                        w.Line($"    {Kernel(kernel.ForwardEvaluation!)}({inputs}, {outputs}, {probability});");
                    }
                    w.Line();
                    using (w.Block($"private void Backward{name}{BackwardParameters}"))
                    {
                        w.Line("if (_training)");
                        w.Line($"    {Kernel(kernel.Backward)}({mask}, gradsWrtOutputs, gradsWrtInputs);");
                        w.Line("else");
                        w.Line($"    {Kernel(kernel.BackwardEvaluation!)}(gradsWrtOutputs, gradsWrtInputs, {probability});");
                    }
                    w.Line();
                    break;
                case LayerForm.BatchNorm:
                    WriteBatchNorm(w, layer, inputs, outputs, Kernel, named[0]);
                    break;
            }
        }

        // Training normalises with the batch's statistics and moves the running ones; evaluation uses the running ones.
        // Both keep the statistics they used in the layer's mean and inverse-std buffers, which backward reads.
        private static void WriteBatchNorm(IndentedWriter w, LayerLayout layer, string inputs, string outputs,
            System.Func<string, string> kernel, string momentum)
        {
            LayerKernel methods = layer.Row.Kernel;
            string name = layer.MethodName;
            string gamma = Slice("_values", layer.Parameters[0]), beta = Slice("_values", layer.Parameters[1]);
            string gradsWrtGamma = Slice("_gradients", layer.Parameters[0]), gradsWrtBeta = Slice("_gradients", layer.Parameters[1]);
            string runningMean = Slice("_state", layer.States[0]), runningVariance = Slice("_state", layer.States[1]);
            string mean = layer.MeanBuffer, inverseStd = layer.InverseStdBuffer;
            string sizes = $"batchSize, features: {layer.Spec.OutputDim}";
            using (w.Block($"private void Forward{name}(int batchSize)"))
            {
                w.Line("if (_training)");
                Call(w, kernel(methods.Forward), inputs, gamma, beta, runningMean, runningVariance, mean, inverseStd, outputs, $"{sizes}, {momentum}");
                w.Line("else");
                Call(w, kernel(methods.ForwardEvaluation!), inputs, gamma, beta, runningMean, runningVariance, mean, inverseStd, outputs, sizes);
            }
            w.Line();
            Method(w, $"Backward{name}Parameters(int batchSize, {ReadOnlySpan} gradsWrtOutputs)", kernel(methods.BackwardParameters!),
                "gradsWrtOutputs", inputs, mean, inverseStd, gradsWrtGamma, gradsWrtBeta, sizes);
            using (w.Block($"private void Backward{name}Inputs{BackwardParameters}"))
            {
                w.Line("if (_training)");
                Call(w, kernel(methods.Backward), "gradsWrtOutputs", inputs, gamma, mean, inverseStd, gradsWrtGamma, gradsWrtBeta, "gradsWrtInputs", sizes);
                w.Line("else");
                Call(w, kernel(methods.BackwardEvaluation!), "gradsWrtOutputs", gamma, inverseStd, "gradsWrtInputs", sizes);
            }
            w.Line();
        }

        // A state tensor's window of the state buffer.
        private static string Slice(string buffer, StateLayout state) => $"Slice({buffer}, {state.OffsetConstant}, {state.Length})";

        // One kernel call, its arguments one to a line: the statement of an if or else branch, or a long method body.
        private static void Call(IndentedWriter w, string kernel, params string[] arguments)
        {
            w.Line($"    {kernel}(");
            for (int i = 0; i < arguments.Length; i++)
                w.Line($"        {arguments[i]}{(i == arguments.Length - 1 ? ");" : ",")}");
        }

        // A parameter's window of the value or gradient buffer.
        private static string Slice(string buffer, ParameterLayout parameter) =>
            $"Slice({buffer}, {parameter.OffsetConstant}, {string.Join(" * ", parameter.Dimensions)})";

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
                Call(w, kernel, arguments);
            }
            w.Line();
        }
    }
}
