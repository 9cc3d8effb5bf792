using System.Collections.Generic;
using System.Linq;

namespace Mlp.Generators
{
    /// <summary>Names, offsets and buffers derived from a <see cref="ModelSpec"/>: what every part of the emitter agrees on.</summary>
    internal sealed class ModelLayout
    {
        public ModelLayout(ModelSpec model)
        {
            var layers = new List<LayerLayout>();
            int offset = 0, stateOffset = 0;
            for (int i = 0; i < model.Layers.Count; i++)
            {
                LayerSpec spec = model.Layers[i];
                var layer = new LayerLayout(i, spec, offset, stateOffset);
                offset += layer.ParameterCount;
                stateOffset += layer.States.Sum(t => t.Length);
                layers.Add(layer);
            }
            Layers = layers;
            ParameterCount = offset;
            StateCount = stateOffset;
            // A broken model's shell may have no layers that could be read: its sizes are then 0.
            InputDim = layers.Count > 0 ? layers[0].Spec.InputDim : 0;
            OutputDim = layers.Count > 0 ? layers[layers.Count - 1].Spec.OutputDim : 0;
            MaxWidth = layers.Count > 0 ? layers.Max(l => System.Math.Max(l.Spec.InputDim, l.Spec.OutputDim)) : 0;
            FirstWithParameters = layers.FindIndex(l => l.HasParameters);
            Architecture = string.Join(" -> ", layers.Select(l => l.Declaration));

            var buffers = new List<BufferLayout> { new("_inputs", InputDim) };
            buffers.AddRange(layers.Select(l => new BufferLayout(l.OutputBuffer, l.Spec.OutputDim)));
            buffers.AddRange(layers.Where(l => l.Row.Form == LayerForm.Dropout).Select(l => new BufferLayout(l.MaskBuffer, l.Spec.OutputDim)));
            buffers.AddRange(layers.Take(layers.Count - 1).Select(l => new BufferLayout(GradientBuffer(l.Index), l.Spec.OutputDim)));
            Buffers = buffers;
            Surface = ModelSurface.Of(model, this);
        }

        /// <summary>The model's public members, which a broken model's shell declares too.</summary>
        public IReadOnlyList<SurfaceMember> Surface { get; }

        public IReadOnlyList<LayerLayout> Layers { get; }

        public IReadOnlyList<BufferLayout> Buffers { get; }

        public int ParameterCount { get; }

        /// <summary>The number of state values (BatchNorm's running statistics): the length of the state buffer.</summary>
        public int StateCount { get; }

        public bool HasState => StateCount > 0;

        public int InputDim { get; }

        public int OutputDim { get; }

        public int MaxWidth { get; }

        /// <summary>The first layer with parameters (an Affine layer): backward to the parameters stops there.</summary>
        public int FirstWithParameters { get; }

        public string Architecture { get; }

        /// <summary>The buffer holding the gradient with respect to layer <paramref name="index"/>'s outputs.</summary>
        public string GradientBuffer(int index) => $"_gradsWrtLayer{index}Outputs";

        /// <summary>The buffer a layer reads its inputs from.</summary>
        public string InputBuffer(LayerLayout layer) => layer.Index == 0 ? "_inputs" : Layers[layer.Index - 1].OutputBuffer;
    }

    /// <summary>One layer's names, shape comments and place in the parameter buffer.</summary>
    internal sealed class LayerLayout
    {
        public LayerLayout(int index, LayerSpec spec, int offset, int stateOffset)
        {
            Index = index;
            Spec = spec;
            Row = LayerCatalogue.Of(spec.Kind);
            var parameters = new List<ParameterLayout>();
            foreach (LayerParameter parameter in Row.Parameters)
            {
                var layout = new ParameterLayout(index, parameter, parameter.Dimensions(spec.InputDim, spec.OutputDim), offset);
                parameters.Add(layout);
                offset += layout.Length;
            }
            Parameters = parameters;
            ParameterCount = parameters.Sum(p => p.Length);
            var states = new List<StateLayout>();
            foreach (LayerState state in Row.States)
            {
                // Every state tensor is one value per feature.
                var layout = new StateLayout(index, state, spec.OutputDim, stateOffset);
                states.Add(layout);
                stateOffset += layout.Length;
            }
            States = states;
            MethodName = $"Layer{index}{spec.Kind}";
            OutputBuffer = $"_layer{index}Outputs";
            MaskBuffer = $"_layer{index}Mask";
            MeanBuffer = $"_layer{index}Mean";
            InverseStdBuffer = $"_layer{index}InverseStd";
            Declaration = Row.Declaration(spec.InputDim, spec.OutputDim, spec.Argument);
            ShapeComment = $"(batch, {spec.InputDim}) -> (batch, {spec.OutputDim})";
            BackwardShapeComment = $"(batch, {spec.InputDim}) <- (batch, {spec.OutputDim})";
        }

        public int Index { get; }

        public LayerSpec Spec { get; }

        /// <summary>What the layer's kind is: its catalogue row.</summary>
        public LayerRow Row { get; }

        public bool HasParameters => Parameters.Count > 0;

        public bool HasArgument => Row.Argument is not null;

        /// <summary>The layer's parameters, in buffer order.</summary>
        public IReadOnlyList<ParameterLayout> Parameters { get; }

        public int ParameterCount { get; }

        /// <summary>The layer's state tensors, in state buffer order.</summary>
        public IReadOnlyList<StateLayout> States { get; }

        public string MethodName { get; }

        public string OutputBuffer { get; }

        public string MaskBuffer { get; }

        /// <summary>A BatchNorm layer's per-feature mean of its last forward pass, kept for backward.</summary>
        public string MeanBuffer { get; }

        /// <summary>A BatchNorm layer's per-feature <c>1 / sqrt(var + eps)</c> of its last forward pass, kept for backward.</summary>
        public string InverseStdBuffer { get; }

        /// <summary>The layer as its attribute reads, e.g. <c>Affine(784, 50)</c>.</summary>
        public string Declaration { get; }

        public string ShapeComment { get; }

        public string BackwardShapeComment { get; }
    }

    /// <summary>
    /// One named tensor of a layer — a parameter or a state tensor — with the names the generated code and files give it
    /// and its place in its buffer; both kinds are named alike, <c>Layer{i}{Kind}</c> and <c>layer{i}.{name}</c>.
    /// </summary>
    internal abstract class TensorLayout
    {
        /// <param name="layerIndex">The layer's index.</param>
        /// <param name="kind">The tensor's kind as an identifier, e.g. <c>Weights</c> or <c>RunningMean</c>.</param>
        /// <param name="fileName">Its name in files after <c>layer{i}.</c>, e.g. <c>weights</c> or <c>running_mean</c>.</param>
        /// <param name="length">Its number of values.</param>
        /// <param name="offset">Where it starts in its buffer.</param>
        protected TensorLayout(int layerIndex, string kind, string fileName, int length, int offset)
        {
            Length = length;
            Offset = offset;
            MemberName = $"Layer{layerIndex}{kind}";
            OffsetConstant = $"Layer{layerIndex}{kind}Offset";
            TensorName = $"layer{layerIndex}.{fileName}";
            // RunningVariance reads "running variance".
            Description = $"The {System.Text.RegularExpressions.Regex.Replace(kind, "(?<=.)([A-Z])", " $1").ToLowerInvariant()} of layer {layerIndex}";
        }

        public int Length { get; }

        public int Offset { get; }

        /// <summary>The public accessor, e.g. <c>Layer0Weights</c> or <c>Layer1RunningMean</c>.</summary>
        public string MemberName { get; }

        /// <summary>The constant holding <see cref="Offset"/>, e.g. <c>Layer0WeightsOffset</c>.</summary>
        public string OffsetConstant { get; }

        /// <summary>The tensor's name, e.g. <c>layer0.weights</c> or <c>layer1.running_mean</c>.</summary>
        public string TensorName { get; }

        /// <summary>How documentation names it, e.g. <c>The weights of layer 0</c>.</summary>
        public string Description { get; }
    }

    /// <summary>One parameter tensor: its shape and place in the value and gradient buffers.</summary>
    internal sealed class ParameterLayout : TensorLayout
    {
        public ParameterLayout(int layerIndex, LayerParameter parameter, int[] dimensions, int offset)
            : base(layerIndex, parameter.Kind.ToString(), parameter.Kind.ToString().ToLowerInvariant(),
                dimensions.Aggregate(1, (product, d) => product * d), offset)
        {
            Kind = parameter.Kind;
            Dimensions = dimensions;
        }

        public ParameterKind Kind { get; }

        public int[] Dimensions { get; }

        /// <summary>The shape as a comment reads it, e.g. <c>(50, 784)</c>.</summary>
        public string Shape => $"({string.Join(", ", Dimensions)})";
    }

    /// <summary>One state tensor (trained by no rule, e.g. a running mean): its place in the state buffer.</summary>
    internal sealed class StateLayout : TensorLayout
    {
        public StateLayout(int layerIndex, LayerState state, int length, int offset)
            : base(layerIndex, state.Kind.ToString(), state.Name, length, offset) =>
            Kind = state.Kind;

        public StateKind Kind { get; }
    }

    /// <summary>A per-batch buffer: its field name and its width per example.</summary>
    internal sealed class BufferLayout
    {
        public BufferLayout(string name, int width)
        {
            Name = name;
            Width = width;
        }

        public string Name { get; }

        public int Width { get; }
    }
}
